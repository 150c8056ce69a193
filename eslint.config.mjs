// Lint rules, including the architecture's boundaries: apps never import each other (the
// console, in the browser, imports neither apps nor libs), libs never import apps, libs import
// only the libs layered below them, and everything reaches a lib through its `@beacon/<lib>`
// index only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The one sub-path entry: tracing must load before Nest, so it cannot share the main index.
const deepLibImports = {
  group: [
    '@beacon/*/*',
    '!@beacon/observability/tracing',
    '**/libs/*/src/**',
    '../../libs/**',
    '../../../libs/**',
  ],
  message: 'Import a lib through its index: @beacon/<lib> (or @beacon/observability/tracing).',
};

const appBoundary = (otherApp) => ({
  group: [`**/apps/${otherApp}/**`, `**/${otherApp}/src/**`],
  message: 'Apps never import each other; share code through a lib.',
});

// Lowest first. A lib imports only libs of the layers below it: config imports none, and
// observability, whose metrics the libs above use, never pulls in auth or the database entities.
// Libs of one layer never import each other.
const LIB_LAYERS = [
  ['config'],
  ['observability'],
  ['resilience'],
  ['database'],
  ['auth', 'messaging'],
  ['webhooks'],
];

const layerOrder = LIB_LAYERS.map((layer) => layer.join(', ')).join(' < ');

const libLayerBoundary = (layerIndex, lib) => {
  const below = LIB_LAYERS.slice(0, layerIndex).flat();
  const allowed =
    below.length === 0
      ? 'imports no other lib'
      : `may import only ${below.map((name) => `@beacon/${name}`).join(', ')}`;
  return {
    group: LIB_LAYERS.slice(layerIndex)
      .flat()
      .map((name) => `@beacon/${name}`),
    message: `libs/${lib} ${allowed} (lib layers, lowest first: ${layerOrder}).`,
  };
};

const libsNeverImportApps = { group: ['**/apps/**'], message: 'Libs never import apps.' };

const otherLibInternals = [
  {
    group: ['@beacon/*/*'],
    message: 'A lib imports another lib through its index: @beacon/<lib>.',
  },
  {
    // A relative path that climbs out of this lib into a lib's src/ (libs/<lib>/src or <lib>/src).
    regex: '^(\\.\\./)+(libs/)?[^./][^/]*/src(/|$)',
    message: 'A lib imports another lib through its index: @beacon/<lib>.',
  },
];

const restrictImports = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['apps/gateway/**/*.ts'],
    rules: restrictImports(deepLibImports, appBoundary('worker')),
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: restrictImports(deepLibImports, appBoundary('gateway')),
  },
  {
    // The console runs in the browser and talks to the gateway over its public API only.
    files: ['apps/console/**'],
    rules: restrictImports({
      group: ['@beacon/*', '**/libs/**', '**/gateway/src/**', '**/worker/src/**'],
      message: 'The console uses only the public HTTP API: it imports no app or lib.',
    }),
  },
  ...LIB_LAYERS.flatMap((layer, layerIndex) =>
    layer.map((lib) => ({
      files: [`libs/${lib}/**/*.ts`],
      rules: restrictImports(
        libsNeverImportApps,
        ...otherLibInternals,
        libLayerBoundary(layerIndex, lib),
      ),
    })),
  ),
  {
    files: ['scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript run by Node as it is (the demo traffic generator): Node's globals.
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        fetch: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
