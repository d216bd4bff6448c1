import type { LoadResult } from '../core/openapi/load.ts';

export interface OpenApiRequest {
  id: number;
  text: string;
  now: number;
}
export interface OpenApiResponse {
  id: number;
  result: LoadResult;
}

export type CompileOpenApi = (text: string, now: number) => Promise<LoadResult>;

/** Compiles documents in a worker (started on first use, kept for later imports). */
export function createOpenApiCompiler(): CompileOpenApi {
  let worker: Worker | undefined;
  let next = 1;
  const pending = new Map<number, (r: LoadResult) => void>();
  const start = () => {
    const w = new Worker(new URL('./openapi.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<OpenApiResponse>) => {
      pending.get(e.data.id)?.(e.data.result);
      pending.delete(e.data.id);
    };
    w.onerror = (e) => {
      for (const done of pending.values())
        done({ ok: false, error: `could not load: ${e.message || 'the worker failed'}` });
      pending.clear();
      worker = undefined;
    };
    return w;
  };
  return (text, now) =>
    new Promise((resolve) => {
      worker ??= start();
      const id = next++;
      pending.set(id, resolve);
      const msg: OpenApiRequest = { id, text, now };
      worker.postMessage(msg);
    });
}
