import { defineConfig } from '@playwright/test';

// Each test launches its own Chromium with the built extension (e2e/support/extension.ts);
// the machine has two cores, so tests run one browser at a time.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
