// Lint rules, including the architecture's boundaries: apps never import each other, libs
// never import apps, and everything reaches a lib through its `@beacon/<lib>` index only.
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
    files: ['libs/**/*.ts'],
    rules: restrictImports({
      group: ['**/apps/**', '@beacon/*/*'],
      message: "Libs never import apps, nor other libs' internals.",
    }),
  },
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
