// The layering rules of ARCHITECTURE.md, and the lib layers of eslint.config.mjs, are enforced by
// ESLint; this proves the rules bite, so a config change cannot silently switch them off.
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = imported;\n`, {
    filePath,
  });
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('architecture boundaries', () => {
  it.each([
    [
      'the gateway importing the worker',
      'apps/gateway/src/links/x.ts',
      "import { imported } from '../../../worker/src/app.module';",
    ],
    [
      'the worker importing the gateway',
      'apps/worker/src/analytics/x.ts',
      "import { imported } from '../../../gateway/src/app.module';",
    ],
    [
      'an app reaching into a lib by path',
      'apps/gateway/src/x.ts',
      "import { imported } from '../../../libs/messaging/src/rabbit-topology';",
    ],
    [
      'an app deep-importing a lib alias',
      'apps/worker/src/x.ts',
      "import { imported } from '@beacon/messaging/rabbit-topology';",
    ],
    [
      'the console importing the gateway',
      'apps/console/src/pages/x.tsx',
      "import { imported } from '../../../gateway/src/links/link.view';",
    ],
    [
      'the console importing a lib',
      'apps/console/src/x.ts',
      "import { imported } from '@beacon/config';",
    ],
    [
      'a lib importing an app',
      'libs/messaging/src/x.ts',
      "import { imported } from '../../../apps/gateway/src/app.module';",
    ],
  ])('forbids %s', async (_case, filePath, source) => {
    expect(await importErrors(filePath, source)).toHaveLength(1);
  });

  it('allows apps to import libs through their index', async () => {
    expect(
      await importErrors('apps/gateway/src/x.ts', "import { imported } from '@beacon/messaging';"),
    ).toEqual([]);
  });
});

describe('lib layering', () => {
  const importFrom = (filePath: string, specifier: string) =>
    importErrors(filePath, `import { imported } from '${specifier}';`);
  const throughIndex = 'A lib imports another lib through its index: @beacon/<lib>.';
  const observabilityLayer = 'libs/observability may import only @beacon/config (';

  it.each([
    [
      'observability importing auth',
      'libs/observability/src/health/x.ts',
      '@beacon/auth',
      observabilityLayer,
    ],
    [
      'observability importing database',
      'libs/observability/src/x.ts',
      '@beacon/database',
      observabilityLayer,
    ],
    [
      'config importing observability',
      'libs/config/src/x.ts',
      '@beacon/observability',
      'libs/config imports no other lib (',
    ],
    [
      'resilience importing database, a higher layer',
      'libs/resilience/src/x.ts',
      '@beacon/database',
      'libs/resilience may import only @beacon/config, @beacon/observability (',
    ],
    [
      'auth importing messaging, its own layer',
      'libs/auth/src/x.ts',
      '@beacon/messaging',
      'libs/auth may import only @beacon/config, @beacon/observability, @beacon/resilience, @beacon/database (',
    ],
  ])('forbids %s', async (_case, filePath, specifier, message) => {
    expect(await importFrom(filePath, specifier)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    ['deep-importing another lib alias', 'libs/database/src/x.ts', '@beacon/config/beacon-config'],
    [
      'reaching into another lib by path',
      'libs/database/src/x.ts',
      '../../config/src/beacon-config',
    ],
    [
      'reaching into another lib from the repository root',
      'libs/database/src/entities/x.ts',
      '../../../../libs/config/src/beacon-config',
    ],
  ])('forbids a lib %s', async (_case, filePath, specifier) => {
    expect(await importFrom(filePath, specifier)).toEqual([expect.stringContaining(throughIndex)]);
  });

  it.each([
    ['database importing config', 'libs/database/src/x.ts', '@beacon/config'],
    ['auth importing observability', 'libs/auth/src/x.ts', '@beacon/observability'],
    ['a lib importing its own files', 'libs/observability/src/health/x.ts', '../metrics/x'],
  ])('allows %s', async (_case, filePath, specifier) => {
    expect(await importFrom(filePath, specifier)).toEqual([]);
  });

  // A lib missing from the layers would escape every lib rule; its own alias is above it.
  it.each(readdirSync('libs'))('places libs/%s in a layer', async (lib) => {
    expect(await importFrom(`libs/${lib}/src/x.ts`, `@beacon/${lib}`)).toEqual([
      expect.stringContaining(`libs/${lib} `),
    ]);
  });
});
