// Two projects: `unit` (specs beside the code, plus static checks in test/) and `e2e` (suites
// in test/ that boot the real gateway and worker against MariaDB and RabbitMQ, one at a time).
// Path aliases come from tsconfig.json, the single place they are declared.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    // Logs go to a file per suite under .vitest/app-logs/, not the terminal; a failed test
    // prints the path and the last lines.
    setupFiles: ['test/support/test-log.setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'test/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
