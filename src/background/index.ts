import { z } from 'zod';
import { createBrowserPlatform } from '../platform/browser.ts';
import { startBackground } from './service.ts';

z.config({ jitless: true }); // extension contexts forbid new Function (TOOLCHAIN.md)

// Listeners are registered in this first turn (startBackground adds them synchronously).
const background = startBackground(createBrowserPlatform());

// Markers for e2e: the worker ran its top level; `apiLens` lets tests read the live store.
Object.assign(globalThis, {
  apiLensReady: true,
  apiLensStartedAt: Date.now(),
  apiLens: background,
});
