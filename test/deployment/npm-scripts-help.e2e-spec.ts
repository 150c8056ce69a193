/**
 * `npm run <script> -- --help` for every script that runs for long or changes data: exit 0, a
 * usage naming the script, and nothing done: no build (a marker in dist/ survives), no database
 * created, no broker reached (AMQP_URL points at a closed port), no file written.
 */
import { loadDatabaseConfig } from '@beacon/config';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './deployment-files';
import { SCRIPTS_WITH_HELP } from './npm-scripts';

const PROBE_DATABASE = `beacon_help_${randomBytes(4).toString('hex')}`;
const BUILD_MARKER = join(ROOT, 'dist', '.help-probe');
const GENERATED = join(ROOT, 'deploy/kubernetes/components/monitoring/generated');
/** Folders the scripts create when they run: they must not appear for --help. */
const OUTPUT_FOLDERS = ['.native-stack', 'backups'].map((folder) => join(ROOT, folder));

function runHelp(script: string): { status: number | null; output: string } {
  const result = spawnSync('npm', ['run', '--silent', script, '--', '--help'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DB_NAME: PROBE_DATABASE,
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
      // Start scripts read the environment before anything: left unset, they would fail on it.
      JWT_SECRET: '',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const modifiedTimes = (directory: string) =>
  readdirSync(directory).map((file) => [file, statSync(join(directory, file)).mtimeMs]);

describe('npm run <script> -- --help', () => {
  let generatedBefore: (string | number)[][];
  let foldersBefore: boolean[];
  beforeAll(() => {
    writeFileSync(BUILD_MARKER, 'a build would remove this file\n');
    generatedBefore = modifiedTimes(GENERATED);
    foldersBefore = OUTPUT_FOLDERS.map((folder) => existsSync(folder));
  });
  afterAll(() => rmSync(BUILD_MARKER, { force: true }));

  it.each(SCRIPTS_WITH_HELP)('%s prints its usage and exits 0', (script) => {
    const { status, output } = runHelp(script);
    expect(status, output).toBe(0);
    expect(output).toMatch(/usage|Options:/i);
    expect(output).toContain(script);
  });

  it('did nothing: no build, no database, no file written', async () => {
    expect(existsSync(BUILD_MARKER), 'dist/ was rebuilt').toBe(true);
    expect(modifiedTimes(GENERATED)).toEqual(generatedBefore);
    expect(OUTPUT_FOLDERS.map((folder) => existsSync(folder))).toEqual(foldersBefore);
    const { host, port, user, password } = loadDatabaseConfig();
    const sql = await createConnection({ host, port, user, password });
    try {
      const [databases] = await sql.query('SHOW DATABASES LIKE ?', [PROBE_DATABASE]);
      expect(databases).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
