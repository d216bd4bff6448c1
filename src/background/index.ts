import { z } from 'zod';

z.config({ jitless: true }); // extension contexts forbid new Function (TOOLCHAIN.md)

// Marker for the e2e smoke test: the worker ran to completion of its top level.
(globalThis as { apiLensReady?: boolean }).apiLensReady = true;
