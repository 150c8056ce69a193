// `npm run metrics-token -- generate|rotate [--finish]`: the /metrics token of a deployment,
// kept in two places that must stay in step (docs/operations.md, "Rotating the metrics token"):
// - the env file (.env): METRICS_AUTH_TOKEN, the CSV of tokens the apps accept, and
//   METRICS_SCRAPE_TOKEN, the one nginx presents; METRICS_TOKEN_FILE names the file below;
// - the token file (secrets/metrics_token): the one Prometheus presents.
// A rotation takes two steps, so that no scrape is ever refused: `rotate` adds a new token
// beside the old in the CSV (restart the apps: they accept both); `rotate --finish` hands the
// new token to the scrapers and drops the old from the CSV (restart nginx, then the apps).
// With --runtime-file (the apps' RUNTIME_CONFIG_FILE, seen from here), the apps' accepted CSV is
// also written there, and they apply it within 2 s: no restart of theirs. Step 1 writes both
// tokens there; `rotate --retire`, once nginx presents the new one, leaves only the new.
// Writes files only; restarting is the operator's (the commands are printed).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';

const USAGE = `usage: npm run metrics-token -- <command> [options]

commands:
  generate          first token of a deployment: writes the token file and sets
                    METRICS_AUTH_TOKEN, METRICS_SCRAPE_TOKEN and METRICS_TOKEN_FILE in the env
                    file; refuses when a token is already set (rotate it instead)
  rotate            step 1: adds a new token beside the current one in METRICS_AUTH_TOKEN
  rotate --finish   step 2: the new token goes to the token file and METRICS_SCRAPE_TOKEN, and
                    the old one leaves METRICS_AUTH_TOKEN
  rotate --retire   with --runtime-file, after step 2 and nginx's restart: the old token
                    leaves the runtime file, and the apps refuse it within 2 s

options:
  --env-file <path>    default .env (created by generate when missing)
  --token-file <path>  default secrets/metrics_token
  --runtime-file <path>
                       the apps' RUNTIME_CONFIG_FILE: METRICS_AUTH_TOKEN is written there too,
                       and the apps apply it within 2 s, without a restart
  --help               this text`;

/** 32 random bytes: 43 URL-safe characters, above production's 32-character minimum. */
const newToken = () => randomBytes(32).toString('base64url');

class UsageError extends Error {}

interface Files {
  envFile: string;
  tokenFile: string;
  runtimeFile?: string;
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'env-file': { type: 'string', default: '.env' },
      'token-file': { type: 'string', default: 'secrets/metrics_token' },
      'runtime-file': { type: 'string' },
      finish: { type: 'boolean', default: false },
      retire: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const files = {
    envFile: resolve(values['env-file']),
    tokenFile: resolve(values['token-file']),
    runtimeFile: values['runtime-file'] && resolve(values['runtime-file']),
  };
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest[0]}`);
  if (command === 'generate' && !values.finish) return generate(files);
  if (command === 'rotate' && values.retire) return retireOldToken(files);
  if (command === 'rotate') return values.finish ? finishRotation(files) : startRotation(files);
  throw new UsageError(command ? `unknown command: ${command}` : 'a command is required');
}

function generate(files: Files): number {
  const env = readEnv(files.envFile);
  if (acceptedTokens(env).length > 0) {
    throw new UsageError(`${files.envFile} already sets METRICS_AUTH_TOKEN: rotate it instead`);
  }
  const token = newToken();
  writeTokenFile(files.tokenFile, token);
  writeEnv(files.envFile, env, {
    METRICS_AUTH_TOKEN: token,
    METRICS_SCRAPE_TOKEN: token,
    METRICS_TOKEN_FILE: `./${relative(dirname(files.envFile), files.tokenFile)}`,
  });
  writeRuntimeFile(files, token);
  console.log(`A new metrics token is in ${files.tokenFile} and ${files.envFile}.
Apply it: docker compose up -d`);
  return 0;
}

function startRotation(files: Files): number {
  const env = readEnv(files.envFile);
  const tokens = acceptedTokens(env);
  if (tokens.length === 0) throw new UsageError('no METRICS_AUTH_TOKEN yet: run generate first');
  if (tokens.length > 1) {
    throw new UsageError('a rotation is under way (two tokens): run rotate --finish first');
  }
  const accepted = `${tokens[0]},${newToken()}`;
  writeEnv(files.envFile, env, { METRICS_AUTH_TOKEN: accepted });
  const apply = writeRuntimeFile(files, accepted)
    ? 'nothing to do: the apps read the runtime file within 2 s'
    : 'docker compose up -d gateway worker';
  console.log(`Step 1 of 2: the apps will accept the current and a new token.
Apply it: ${apply}
Then:     npm run metrics-token -- rotate --finish${runtimeFileOption(files)}`);
  return 0;
}

function finishRotation(files: Files): number {
  const env = readEnv(files.envFile);
  const tokens = acceptedTokens(env);
  if (tokens.length !== 2) {
    throw new UsageError('no rotation under way (one token): run rotate first');
  }
  const fresh = tokens[1];
  writeTokenFile(files.tokenFile, fresh);
  writeEnv(files.envFile, env, { METRICS_AUTH_TOKEN: fresh, METRICS_SCRAPE_TOKEN: fresh });
  const retire = files.runtimeFile
    ? `  npm run metrics-token -- rotate --retire${runtimeFileOption(files)}`
    : '  docker compose up -d gateway worker';
  console.log(`Step 2 of 2: Prometheus now presents the new token (its file is read at every scrape).
Apply it, in this order (the apps still accept both until the second command):
  docker compose up -d --no-deps nginx
${retire}`);
  return 0;
}

function runtimeFileOption(files: Files): string {
  return files.runtimeFile ? ` --runtime-file ${files.runtimeFile}` : '';
}

/** After `rotate --finish` with a runtime file: the apps stop accepting the old token. */
function retireOldToken(files: Files): number {
  if (!files.runtimeFile) throw new UsageError('rotate --retire needs --runtime-file');
  const tokens = acceptedTokens(readEnv(files.envFile));
  if (tokens.length !== 1) {
    throw new UsageError('the rotation is not finished (two tokens): run rotate --finish first');
  }
  writeRuntimeFile(files, tokens[0]);
  console.log('The apps refuse the old token within 2 s; the rotation is complete.');
  return 0;
}

/** The env file's lines; KEY=value pairs are read from them, and rewritten in place. */
function readEnv(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
}

function valueOf(lines: string[], key: string): string | undefined {
  const line = lines.find((candidate) => candidate.startsWith(`${key}=`));
  return line?.slice(key.length + 1).trim();
}

function acceptedTokens(lines: string[]): string[] {
  return (valueOf(lines, 'METRICS_AUTH_TOKEN') ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
}

function writeEnv(path: string, lines: string[], changes: Record<string, string>): void {
  const updated = [...lines];
  for (const [key, value] of Object.entries(changes)) {
    const index = updated.findIndex((line) => line.startsWith(`${key}=`));
    if (index === -1)
      updated.splice(updated.at(-1) === '' ? -1 : updated.length, 0, `${key}=${value}`);
    else updated[index] = `${key}=${value}`;
  }
  writeSecretFile(path, `${updated.join('\n').replace(/\n*$/, '')}\n`);
}

/**
 * METRICS_AUTH_TOKEN in the runtime file, keeping its other settings and comments. False when
 * no runtime file was given.
 */
function writeRuntimeFile(files: Files, accepted: string): boolean {
  if (!files.runtimeFile) return false;
  const text = existsSync(files.runtimeFile) ? readFileSync(files.runtimeFile, 'utf8') : '';
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new UsageError(`${files.runtimeFile} is not valid YAML: ${document.errors[0].message}`);
  }
  document.set('METRICS_AUTH_TOKEN', accepted);
  // A new file is the owner's alone; an existing one keeps its mode, which the operator set so
  // that the apps' user (uid 1000, `node`, in the image) can read it.
  writeFileSync(files.runtimeFile, document.toString(), { mode: 0o600 });
  return true;
}

/**
 * Its directory is the owner's alone; the file itself stays readable, because compose mounts it
 * into Prometheus, which reads it as its own unprivileged user.
 */
function writeTokenFile(path: string, token: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${token}\n`, { mode: 0o644 });
}

/** Readable by the owner only: the env file holds every secret of the deployment. */
function writeSecretFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const badArguments = String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
  if (!(error instanceof UsageError) && !badArguments) throw error;
  console.error(`metrics-token: ${(error as Error).message}\n\n${USAGE}`);
  process.exitCode = 2;
}
