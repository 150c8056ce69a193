// Before the tests: are MariaDB/MySQL and RabbitMQ reachable with the configured credentials?
// If not, say exactly which service is missing and how to start it, and fail.
import amqp from 'amqplib';
import mysql from 'mysql2/promise';

const env = process.env;
const db = {
  host: env.DB_HOST || '127.0.0.1',
  port: Number(env.DB_PORT || 3306),
  user: env.DB_USER || 'root',
  password: env.DB_PASSWORD ?? '',
};
const amqpUrl = env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';
const TIMEOUT_MS = 5_000;

const checks = [
  {
    name: `MariaDB/MySQL at ${db.host}:${db.port} (user ${db.user})`,
    start: [
      'docker compose up -d mysql',
      'or on Debian: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
    ],
    run: async () => {
      const connection = await mysql.createConnection({ ...db, connectTimeout: TIMEOUT_MS });
      await connection.query('SELECT 1');
      await connection.end();
    },
  },
  {
    name: `RabbitMQ at ${new URL(amqpUrl).host}`,
    start: ['docker compose up -d rabbitmq', 'or on Debian: rabbitmq-server -detached'],
    run: async () => {
      const connection = await amqp.connect(amqpUrl, { timeout: TIMEOUT_MS });
      await connection.close();
    },
  },
];

let failed = false;
for (const check of checks) {
  try {
    await check.run();
    console.log(`ok: ${check.name}`);
  } catch (error) {
    failed = true;
    console.error(`MISSING: ${check.name}: ${(error as Error).message}`);
    for (const line of check.start) console.error(`  start it with: ${line}`);
  }
}
if (failed) {
  console.error('The e2e tests need these services (see README.md, "Running the tests").');
  process.exit(1);
}
