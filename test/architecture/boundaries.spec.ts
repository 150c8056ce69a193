// The layering rules of ARCHITECTURE.md are enforced by ESLint (eslint.config.mjs); this
// proves the rules bite, so a config change cannot silently switch them off.
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
