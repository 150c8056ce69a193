/**
 * runtime-settings/settings.example.yaml lists every reloadable variable: uncommented, it is a
 * valid runtime file, and it leaves none out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RELOADABLE_KEYS, loadConfig } from '@beacon/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './deployment-files';

const EXAMPLE = join(ROOT, 'runtime-settings', 'settings.example.yaml');

function uncommented(): Record<string, unknown> {
  const settings = readFileSync(EXAMPLE, 'utf8')
    .split('\n')
    .filter((line) => /^# [A-Z_]+: /.test(line))
    .map((line) => line.slice(2))
    .join('\n');
  return parse(settings) as Record<string, unknown>;
}

describe('runtime-settings/settings.example.yaml', () => {
  it('lists exactly the reloadable variables', () => {
    expect(Object.keys(uncommented()).sort()).toEqual([...RELOADABLE_KEYS].sort());
  });

  it('is a valid runtime file once uncommented', () => {
    const environment = Object.fromEntries(
      Object.entries(uncommented()).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.join(',') : String(value),
      ]),
    );
    expect(() => loadConfig('gateway', { JWT_SECRET: 'example', ...environment })).not.toThrow();
  });
});
