import { describe, expect, it } from 'vitest';
import { DEVELOPER_TOOLS, SCRIPTS, SCRIPTS_READING_ENV, SCRIPTS_WITH_HELP } from './npm-scripts';

describe("package.json's scripts", () => {
  it('are each either a developer tool or a script that answers --help', () => {
    expect([...SCRIPTS_WITH_HELP, ...DEVELOPER_TOOLS].sort()).toEqual(Object.keys(SCRIPTS).sort());
  });

  it.each(SCRIPTS_READING_ENV)('%s reads .env as every start script does', (name) => {
    expect(SCRIPTS[name]).toMatch(/^node --env-file-if-exists=\.env /);
  });

  it('build nothing before a script can answer --help', () => {
    const buildingFirst = Object.entries(SCRIPTS).filter(
      ([name, command]) => SCRIPTS_WITH_HELP.includes(name) && command.includes('npm run build'),
    );
    expect(buildingFirst).toEqual([]);
  });
});
