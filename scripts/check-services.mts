// Before the tests: are MariaDB/MySQL, RabbitMQ (with its Prometheus plugin, enabled here when it
// is off) and Redis reachable, and are Prometheus and Alertmanager installed for the stack test?
// If not, say exactly what is missing and how to get it, and fail.
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { execFileSync } from 'node:child_process';
import { ensureRabbitPrometheus } from './rabbitmq-prometheus.mts';

const env = process.env;
const db = {
  host: env.DB_HOST || '127.0.0.1',
  port: Number(env.DB_PORT || 3306),
  user: env.DB_USER || 'root',
  password: env.DB_PASSWORD ?? '',
};
// A cluster's list (AMQP_URL, comma-separated): its first node, the one the suites start on.
const amqpUrl = (env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672').split(',')[0].trim();
const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
const rabbitMetricsUrl = `http://${new URL(amqpUrl).hostname}:15692/metrics`;
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
  {
    // Enabled here when it is off (the error names the command when that cannot be done).
    name: `RabbitMQ's Prometheus plugin at ${rabbitMetricsUrl}`,
    start: [],
    run: async () => {
      const state = await ensureRabbitPrometheus({ metricsUrl: rabbitMetricsUrl });
      if (state === 'enabled') console.log(`enabled RabbitMQ's Prometheus plugin`);
    },
  },
  {
    name: `Redis at ${new URL(redisUrl).host} (shared rate limits)`,
    start: [
      'docker compose up -d redis',
      'or: redis-server --daemonize yes --save "" --appendonly no',
    ],
    run: async () => {
      const redis = new Redis(redisUrl, {
        connectTimeout: TIMEOUT_MS,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await redis.ping();
      } finally {
        redis.disconnect();
      }
    },
  },
  {
    name: "nginx (for `nginx -t` on the compose stack's nginx configuration)",
    start: ['apt-get install -y nginx'],
    run: async () => {
      execFileSync('sh', ['-c', 'command -v nginx || test -x /usr/sbin/nginx'], {
        stdio: 'ignore',
      });
    },
  },
  ...['prometheus', 'promtool', 'prometheus-alertmanager', 'amtool'].map((binary) => ({
    name: `${binary} (for the observability stack test)`,
    start: ['apt-get install -y prometheus prometheus-alertmanager'],
    run: async () => {
      execFileSync(binary, ['--version'], { stdio: 'ignore' });
    },
  })),
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
