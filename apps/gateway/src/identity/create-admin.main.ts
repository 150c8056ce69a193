/**
 * `npm run user:create-admin -- --email <email>`: creates an admin account, or makes an existing
 * account an admin (enabled again, with the new password). The password comes from ADMIN_PASSWORD
 * or standard input (a hidden prompt on a terminal), never from the command line, where every
 * user of the machine could read it. Runs against the database of the DB_* variables.
 */
import 'reflect-metadata';
import { PasswordHasher } from '@beacon/auth';
import { loadAdminPassword, loadDatabaseConfig } from '@beacon/config';
import { createDataSource, UserEntity } from '@beacon/database';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { registerSchema } from './auth.schemas';

const USAGE = `usage: npm run user:create-admin -- --email <email>

Creates an admin account, or promotes the existing account with this email (and sets its
password). The password is read from ADMIN_PASSWORD, or else from standard input:
  ADMIN_PASSWORD='...' npm run user:create-admin -- --email admin@example.com
  npm run user:create-admin -- --email admin@example.com < password.txt
`;

class UsageError extends Error {}

async function main(): Promise<void> {
  const email = emailArgument();
  const credentials = registerSchema.safeParse({ email, password: await readPassword() });
  if (!credentials.success) {
    throw new UsageError(credentials.error.issues.map((issue) => issue.message).join('; '));
  }
  const passwordHash = await new PasswordHasher().hash(credentials.data.password);
  const dataSource = await createDataSource(loadDatabaseConfig()).initialize();
  try {
    const users = dataSource.getRepository(UserEntity);
    const existing = await users.findOneBy({ email: credentials.data.email });
    if (existing) {
      await users.update({ id: existing.id }, { role: 'admin', passwordHash, disabledAt: null });
      process.stdout.write(`made ${existing.email} an admin (password replaced)\n`);
      return;
    }
    await users.insert({ email: credentials.data.email, passwordHash, role: 'admin' });
    process.stdout.write(`created admin ${credentials.data.email}\n`);
  } finally {
    await dataSource.destroy();
  }
}

function emailArgument(): string {
  let parsed;
  try {
    parsed = parseArgs({ options: { email: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (!parsed.values.email) throw new UsageError('--email is required');
  return parsed.values.email;
}

async function readPassword(): Promise<string> {
  const fromEnvironment = loadAdminPassword();
  if (fromEnvironment !== undefined) return fromEnvironment;
  if (process.stdin.isTTY) return promptHidden('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A terminal prompt that does not echo what is typed. */
function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) =>
    prompt.question('', (answer) => {
      prompt.close();
      process.stderr.write('\n');
      resolve(answer);
    }),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`user:create-admin: ${error.message}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
