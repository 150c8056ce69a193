/** package.json's scripts, sorted by what they do, for the specs that hold every script to a rule. */
import { readText } from './deployment-files';

export const SCRIPTS: Record<string, string> = JSON.parse(readText('package.json')).scripts;

/** Scripts that run for long or change data: each answers `--help` and does nothing else. */
export const SCRIPTS_WITH_HELP = [
  'start:gateway',
  'start:worker',
  'migration:run',
  'migration:revert',
  'seed',
  'dlq',
  'user:create-admin',
  'metrics-token',
  'db:backup',
  'db:restore',
  'stack:native',
  'bench',
  'bench:pipeline',
  'bench:spill',
  'bench:connections',
  'k8s:monitoring',
  'openapi',
];

/** The developer's build, check and test commands (npm's, tsc's, eslint's own options apply). */
export const DEVELOPER_TOOLS = [
  'build',
  'build:console',
  'lint',
  'format',
  'typecheck',
  'test',
  'test:services',
  'test:unit',
  'test:e2e',
];

/** Scripts that start an app or act on its database or broker: they read .env like the apps. */
export const SCRIPTS_READING_ENV = [
  'start:gateway',
  'start:worker',
  'migration:run',
  'migration:revert',
  'seed',
  'dlq',
  'user:create-admin',
  'stack:native',
];
