import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'scripts/**/*.test.ts',
      'e2e/fixture-server/**/*.test.ts',
    ],
    environment: 'node',
    // A guard against hangs, not a performance assertion: on a shared 2-core machine a 20,000-row
    // render or a large OpenAPI document can take several seconds (benchmarks measure speed).
    testTimeout: 30_000,
  },
});
