import { describe, expect, it } from 'vitest';
import { parseRuntimeSettings } from './runtime-config-file';

const parse = (text: string) => parseRuntimeSettings(text, 'runtime.yaml');

describe('parseRuntimeSettings', () => {
  it('reads YAML and JSON into the strings the environment would hold', () => {
    const yaml = parse('RATE_LIMIT_MAX: 50\nDEMO_AI_FAILURE: true\nLOG_LEVEL: debug\n');
    expect(yaml).toEqual({ RATE_LIMIT_MAX: '50', DEMO_AI_FAILURE: 'true', LOG_LEVEL: 'debug' });
    expect(parse('{"RATE_LIMIT_MAX": 50, "LOG_LEVEL": "debug"}')).toEqual({
      RATE_LIMIT_MAX: '50',
      LOG_LEVEL: 'debug',
    });
  });

  it('joins a list into CSV (several metrics tokens, several origins)', () => {
    expect(parse('METRICS_AUTH_TOKEN: [old-token, new-token]')).toEqual({
      METRICS_AUTH_TOKEN: 'old-token,new-token',
    });
  });

  it('takes an empty file as no settings', () => {
    expect(parse('')).toEqual({});
    expect(parse('# nothing yet\n')).toEqual({});
  });

  it('refuses a variable outside the reloadable set by name', () => {
    expect(() => parse('RATE_LIMIT_MAX: 5\nDB_HOST: elsewhere\n')).toThrow(
      'Invalid RUNTIME_CONFIG_FILE runtime.yaml: DB_HOST: not reloadable (set it in the environment and restart)',
    );
  });

  it('refuses a document that is not a mapping, or a value that is not a scalar or list', () => {
    expect(() => parse('- RATE_LIMIT_MAX')).toThrow(/expected a mapping/);
    expect(() => parse('RATE_LIMIT_MAX: {a: 1}')).toThrow(/RATE_LIMIT_MAX: expected a string/);
    expect(() => parse('RATE_LIMIT_MAX: [1, 2]')).toThrow(/RATE_LIMIT_MAX: expected a string/);
    expect(() => parse('RATE_LIMIT_MAX: 5: 6')).toThrow(/is not valid YAML or JSON/);
  });
});
