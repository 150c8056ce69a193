/**
 * The version in the project's package.json (the image ships it beside dist/), found by walking
 * up from this file: the same code runs from apps/ in the tests and from dist/ in production.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function beaconVersion(): string {
  for (
    let directory = __dirname;
    directory !== dirname(directory);
    directory = dirname(directory)
  ) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      if (manifest.name === 'beacon') return String(manifest.version);
    } catch {
      // not here; look one level up
    }
  }
  return 'unknown';
}
