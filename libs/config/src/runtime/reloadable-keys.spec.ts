import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../environment.schema';
import { RELOADABLE_KEYS } from './reloadable-keys';

describe('RELOADABLE_KEYS', () => {
  it('names only variables of the environment schema (a typo would reload nothing)', () => {
    const known = Object.keys(environmentSchema.shape);
    expect([...RELOADABLE_KEYS].filter((key) => !known.includes(key))).toEqual([]);
  });
});
