// The console's first load stays under 200 KB of gzip-compressed JavaScript (issue 22). An e2e
// suite because it reads the build, which `npm run test:e2e` makes first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ASSETS = join('dist', 'console', 'assets');
const BUDGET_BYTES = 200 * 1024;

describe('the console bundle', () => {
  it('ships under 200 KB of gzipped JavaScript', () => {
    const scripts = readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (total, name) => total + gzipSync(readFileSync(join(ASSETS, name))).byteLength,
      0,
    );
    console.log(
      `console JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzip in ${scripts.length} file(s)`,
    );
    expect(gzipped).toBeLessThan(BUDGET_BYTES);
  });
});
