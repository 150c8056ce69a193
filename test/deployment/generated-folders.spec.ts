/**
 * Folders that tools write into the working copy stay out of git: database dumps (npm run
 * db:backup's default --dir), screenshots, the build, and the test runs' app logs. The docker
 * build context leaves them out too (dockerfile.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { readText } from './deployment-files';

const GENERATED = ['backups', 'screenshots', 'dist', 'coverage', '.vitest'];

describe('.gitignore', () => {
  const patterns = readText('.gitignore')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^\//, '').replace(/\/$/, ''));

  it.each(GENERATED)('ignores %s/', (folder) => {
    expect(patterns).toContain(folder);
  });

  it('names the folder npm run db:backup writes to by default', () => {
    expect(readText('scripts/db-backup.sh')).toMatch(/^dir=\.\/backups$/m);
  });
});
