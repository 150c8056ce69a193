// `node scripts/run-built.mts <script> [arguments]`: runs a script that loads dist/ as it starts
// (the benches), after `npm run build`, in this process (its signals, output and exit code are
// the script's). With --help or -h it builds and runs nothing: it prints the script's header
// comment, which says what the script does and what it reads.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDist } from './build-dist.mts';

const [target, ...args] = process.argv.slice(2);
if (!target) {
  console.error('usage: node scripts/run-built.mts <script> [arguments]');
  process.exit(2);
}

if (args.includes('--help') || args.includes('-h')) {
  // Under npx, npm_lifecycle_event is `npx`, not a script's name.
  const name = process.env.npm_lifecycle_event;
  const script =
    name && name !== 'npx' ? `npm run ${name}` : `node scripts/run-built.mts ${target}`;
  console.log(`usage: ${script}\n`);
  console.log(headerComment(readFileSync(target, 'utf8')));
  process.exit(0);
}

buildDist();
// The script reads its own arguments from process.argv.slice(2), as if run directly.
process.argv.splice(1, 2, resolve(target));
await import(pathToFileURL(resolve(target)).href);

/** The `//` lines the file starts with, without the slashes. */
function headerComment(source: string): string {
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return lines.join('\n');
}
