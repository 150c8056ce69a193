import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleFolder, loadConsoleBuild } from './console-build';

describe('the console build', () => {
  const folders: string[] = [];
  const temporaryFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'console-build-'));
    folders.push(folder);
    return folder;
  };
  afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true })));

  it('is looked for in dist/console beside the package.json that names Beacon', () => {
    expect(consoleFolder()).toBe(join(process.cwd(), 'dist', 'console'));
  });

  it('has no folder outside the project', () => {
    expect(consoleFolder(temporaryFolder())).toBeUndefined();
  });

  it('is absent when the folder has no index.html', () => {
    expect(loadConsoleBuild(temporaryFolder())).toBeUndefined();
    expect(loadConsoleBuild(join(temporaryFolder(), 'missing'))).toBeUndefined();
  });

  it('holds the page and only the assets of a known media type', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html>');
    writeFileSync(join(folder, 'assets', 'index-abc.js'), 'export {}');
    writeFileSync(join(folder, 'assets', 'index-abc.js.map'), '{}');
    const build = loadConsoleBuild(folder);
    expect(build?.indexHtml.toString()).toBe('<!doctype html>');
    expect([...(build?.assets.keys() ?? [])]).toEqual(['index-abc.js']);
    expect(build?.assets.get('index-abc.js')?.mediaType).toBe('text/javascript; charset=utf-8');
  });
});
