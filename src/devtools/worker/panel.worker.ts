/// <reference lib="webworker" />
import { z } from 'zod';
import { createWorkerHost } from './host.ts';

/**
 * The panel's worker: decodes large bodies, formats bodies for the detail pane, and runs the
 * heavy jobs (HAR import, export, re-annotation) with the same core as the CLI, so the panel's
 * main thread never blocks on them (host.ts holds the logic; protocol.ts the contract).
 */
z.config({ jitless: true }); // extension pages forbid new Function (TOOLCHAIN.md)

const scope = self as unknown as DedicatedWorkerGlobalScope;
const onMessage = createWorkerHost((m) => scope.postMessage(m));
scope.onmessage = (e: MessageEvent<unknown>) => void onMessage(e.data);
