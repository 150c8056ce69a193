// `npm run build`, from a script that runs what it builds (the bench, `stack:native`): done by the
// script itself rather than as `npm run build && …` in package.json, so that `--help` answers
// before anything is built.
import { spawnSync } from 'node:child_process';

export function buildDist(): void {
  // npm_execpath: the npm running this script, whatever the PATH; `npm` when run by hand.
  const npm = process.env.npm_execpath;
  const [command, args] = npm
    ? [process.execPath, [npm, 'run', 'build']]
    : ['npm', ['run', 'build']];
  const build = spawnSync(command, args, { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`npm run build failed (${build.error?.message ?? `exit ${build.status}`})`);
    process.exit(build.status || 1);
  }
}
