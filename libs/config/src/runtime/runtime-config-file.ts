/**
 * Reads RUNTIME_CONFIG_FILE: a YAML or JSON mapping (JSON is YAML, so one parser reads both) of
 * reloadable variable names to values. Values become the strings the environment would hold: a
 * number or boolean as written, a list as CSV (ALLOWED_ORIGINS, METRICS_AUTH_TOKEN). A key
 * outside the reloadable set is refused by name, never ignored: a setting that silently does
 * nothing until the next restart is worse than an error. A file that does not exist (yet) holds
 * no settings: a deployment can mount an empty directory and add the file when it needs one.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigValidationError } from '../config-validation.error';
import { RELOADABLE_KEYS } from './reloadable-keys';

export type RuntimeSettings = Record<string, string>;

export function readRuntimeConfigFile(path: string): RuntimeSettings {
  return parseRuntimeSettings(readText(path), path);
}

export function parseRuntimeSettings(text: string, path: string): RuntimeSettings {
  const document = parseDocument(text, path);
  const settings: RuntimeSettings = {};
  for (const [key, value] of Object.entries(document)) {
    if (!RELOADABLE_KEYS.has(key)) {
      throw invalid(path, `${key}: not reloadable (set it in the environment and restart)`);
    }
    settings[key] = toEnvironmentValue(key, value, path);
  }
  return settings;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return '';
    throw invalid(path, `cannot be read (${code ?? 'error'})`);
  }
}

function parseDocument(text: string, path: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw invalid(path, `is not valid YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw invalid(path, 'expected a mapping of variable names to values');
  }
  return document as Record<string, unknown>;
}

function toEnvironmentValue(key: string, value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.join(',');
  }
  throw invalid(path, `${key}: expected a string, number, boolean or list of strings`);
}

function invalid(path: string, problem: string): ConfigValidationError {
  return new ConfigValidationError(`Invalid RUNTIME_CONFIG_FILE ${path}: ${problem}`);
}
