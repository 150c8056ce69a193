/**
 * Static checks of docker/Dockerfile and .dockerignore against the build (tsconfig.build.json's
 * output layout), and of the entry points the containers and the npm scripts start.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  argsOf,
  commandOf,
  copiesOf,
  distPathOf,
  preloadsOf,
  distPathsIn,
  dockerfileText,
  execWords,
  finalStage,
  readText,
  ROOT,
  stages,
} from './deployment-files';

// ---------------------------------------------------------------------------------------------
// the build's output layout

interface TsConfig {
  extends?: string;
  compilerOptions?: { outDir?: string; rootDir?: string };
  include?: string[];
  exclude?: string[];
}

function readTsConfig(path: string): TsConfig {
  return JSON.parse(readText(path)) as TsConfig;
}

const buildTsConfig = readTsConfig('tsconfig.build.json');
const baseTsConfig = readTsConfig('tsconfig.json');
const outDir = buildTsConfig.compilerOptions?.outDir ?? baseTsConfig.compilerOptions?.outDir;
const rootDir = buildTsConfig.compilerOptions?.rootDir ?? baseTsConfig.compilerOptions?.rootDir;
const buildIncludes = buildTsConfig.include ?? baseTsConfig.include ?? [];

/** tsconfig `include` and .dockerignore patterns: `**` any directories, `*` and `?` within one. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .replace(/^\.\//, '')
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => {
      if (part === '**' || part === '**/') return '(?:.*/)?';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${pattern}(?:/.*)?$`);
}

const packageJson = JSON.parse(readText('package.json')) as { scripts: Record<string, string> };

describe('docker/Dockerfile', () => {
  it('builds on the Node 24 image in every stage', () => {
    const stageNames = new Set(stages.map((stage) => stage.name).filter(Boolean));
    const bases = stages.map((stage) => stage.image).filter((image) => !stageNames.has(image));
    expect(bases.length).toBeGreaterThan(0);
    for (const image of bases) expect(image).toMatch(/^(docker\.io\/(library\/)?)?node:24(\b|-)/);
  });

  it('compiles the app in a build stage with npm ci and npm run build', () => {
    const builder = stages.slice(0, -1).find((stage) => {
      const runs = argsOf(stage, 'RUN').join('\n');
      return /\bnpm ci\b/.test(runs) && /\bnpm run build\b/.test(runs);
    });
    expect(builder, 'a stage before the final one runs npm ci and npm run build').toBeDefined();
  });

  it('gives the build stage everything tsconfig.build.json compiles', () => {
    const builder = stages.find((stage) => /\bnpm run build\b/.test(argsOf(stage, 'RUN').join()));
    const copied = copiesOf(builder ?? { image: '', instructions: [] })
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) =>
        copy.sources.map((source) => source.replace(/^\.\//, '').replace(/\/$/, '')),
      );
    const copiedAll = copied.includes('.') || copied.includes('');
    const needed = [
      'package.json',
      'package-lock.json',
      'tsconfig.build.json',
      ...(buildTsConfig.extends ? [buildTsConfig.extends.replace(/^\.\//, '')] : []),
      ...buildIncludes.map((include) => include.replace(/^\.\//, '').split('/')[0]),
    ];
    for (const path of new Set(needed)) {
      expect(copiedAll || copied.includes(path), `build stage copies ${path}`).toBe(true);
    }
  });

  it('builds the console into dist/console, which the final stage ships with the gateway', () => {
    expect(packageJson.scripts.build).toMatch(/\bnpm run build:console\b/);
    const viteConfig = /--config (\S+)/.exec(packageJson.scripts['build:console'])?.[1] ?? '';
    expect(readText(viteConfig)).toMatch(
      /outDir: join\(import\.meta\.dirname, '\.\.\/\.\.\/dist\/console'\)/,
    );
    const builder = stages.find((stage) => /\bnpm run build\b/.test(argsOf(stage, 'RUN').join()));
    const copied = copiesOf(builder ?? { image: '', instructions: [] }).flatMap((copy) =>
      copy.sources.map((source) => source.replace(/^\.\//, '').replace(/\/$/, '')),
    );
    expect(copied, 'the build stage has the console and its Vite config').toContain(
      viteConfig.split('/')[0],
    );
  });

  it('ships production dependencies and the compiled output only', () => {
    const runs = argsOf(finalStage, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci\b[^\n]*--omit=dev/);
    expect(runs).not.toMatch(/\bnpm run build\b/);
    const builderNames = stages.slice(0, -1).map((stage) => stage.name);
    const distCopy = copiesOf(finalStage).find(
      (copy) => copy.from !== undefined && copy.sources.some((source) => /\/dist\/?$/.test(source)),
    );
    expect(distCopy, 'the final stage copies dist from the build stage').toBeDefined();
    expect(builderNames).toContain(distCopy?.from);
  });

  it('runs in production mode as a non-root user', () => {
    const users = argsOf(finalStage, 'USER');
    expect(users.length, 'the final stage sets USER').toBeGreaterThan(0);
    const user = users[users.length - 1].split(':')[0];
    expect(['root', '0']).not.toContain(user);
    expect(argsOf(finalStage, 'ENV').join('\n')).toMatch(/\bNODE_ENV[= ]production\b/);
  });

  it('checks the readiness of the app it runs, on its own PORT', () => {
    const healthcheck = argsOf(finalStage, 'HEALTHCHECK').join(' ');
    expect(healthcheck).toContain('/health/ready');
    expect(healthcheck).toContain('process.env.PORT');
  });

  it('starts the gateway with node itself, so SIGTERM reaches the app', () => {
    const cmd = argsOf(finalStage, 'CMD');
    const entrypoint = argsOf(finalStage, 'ENTRYPOINT');
    expect(cmd.length, 'the final stage has a CMD').toBeGreaterThan(0);
    const words = [...entrypoint.slice(-1), ...cmd.slice(-1)].flatMap(execWords);
    expect(cmd[cmd.length - 1].trim().startsWith('['), 'CMD in exec form').toBe(true);
    expect(words[0]).toBe('node');
    expect(distPathOf(words)).toBe('dist/apps/gateway/src/main.js');
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignore = readText('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const isIgnored = (path: string) =>
      ignore.reduce((ignored, pattern) => {
        const negated = pattern.startsWith('!');
        const regexp = globToRegExp(negated ? pattern.slice(1) : pattern);
        return regexp.test(path) ? !negated : ignored;
      }, false);
    const sources = stages
      .flatMap(copiesOf)
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) => copy.sources)
      .map((source) => source.replace(/^\.\//, '').replace(/\/$/, ''));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
      expect(isIgnored(source), `${source} is excluded by .dockerignore`).toBe(false);
    }
    const generated = ['backups/beacon-20261126T030000Z.sql.gz', 'screenshots/dashboard.png'];
    for (const path of [
      'node_modules',
      'dist',
      '.git',
      'coverage',
      'debug.log',
      '.env',
      ...generated,
    ]) {
      expect(isIgnored(path), `${path} stays out of the build context`).toBe(true);
    }
  });
});

describe('entry points', () => {
  const composeText = readText('docker-compose.yml');
  const referenced = [
    ...new Set([
      ...distPathsIn(dockerfileText),
      ...distPathsIn(composeText),
      ...Object.values(packageJson.scripts).flatMap(distPathsIn),
    ]),
  ];

  it('references compiled entry points at all', () => {
    expect(referenced).toEqual(
      expect.arrayContaining([
        'dist/apps/gateway/src/main.js',
        'dist/apps/worker/src/main.js',
        'dist/libs/database/src/migrate.main.js',
      ]),
    );
  });

  it.each(referenced)('%s is a file that npm run build produces', (distPath) => {
    // tsc writes <outDir>/<path relative to rootDir>.js for each included <path>.ts.
    expect(outDir, 'tsconfig outDir').toBeDefined();
    const relativeToOut = relative(resolve(ROOT, outDir ?? ''), resolve(ROOT, distPath));
    expect(relativeToOut.startsWith('..'), `${distPath} lies inside outDir ${outDir}`).toBe(false);
    const source = relative(ROOT, resolve(ROOT, rootDir ?? '.', relativeToOut)).replace(
      /\.js$/,
      '.ts',
    );
    expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
    expect(
      buildIncludes.some((include) => globToRegExp(include).test(source)),
      `${source} is included by tsconfig.build.json`,
    ).toBe(true);
    expect(source, 'specs are not built').not.toMatch(/\.spec\.ts$/);
  });

  it('the npm scripts and the containers start the same entry points', () => {
    const scriptPath = (name: string) => distPathsIn(` ${packageJson.scripts[name] ?? ''}`).at(-1);
    expect(distPathOf(commandOf('gateway'))).toBe(scriptPath('start:gateway'));
    expect(distPathOf(commandOf('worker'))).toBe(scriptPath('start:worker'));
    expect(distPathOf(commandOf('migrate'))).toBe(scriptPath('migration:run'));
    const cmd = argsOf(finalStage, 'CMD');
    expect(distPathOf(execWords(cmd[cmd.length - 1] ?? ''))).toBe(scriptPath('start:gateway'));
  });

  it('load the tracing instrumentation before each app, everywhere the app starts', () => {
    const cmd = argsOf(finalStage, 'CMD');
    const starts = {
      gateway: [
        commandOf('gateway'),
        execWords(cmd[cmd.length - 1] ?? ''),
        packageJson.scripts['start:gateway'].split(' '),
      ],
      worker: [commandOf('worker'), packageJson.scripts['start:worker'].split(' ')],
    };
    for (const [app, commands] of Object.entries(starts)) {
      for (const words of commands) {
        expect(preloadsOf(words), words.join(' ')).toEqual([
          `dist/apps/${app}/src/instrumentation.js`,
        ]);
      }
    }
  });
});
