import { defineConfig } from 'vite';

/** The Node CLI: one self-contained ESM file over the same core as the extension. */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    rolldownOptions: { output: { entryFileNames: 'apilens.js', banner: '#!/usr/bin/env node' } },
  },
  ssr: { noExternal: true },
});
