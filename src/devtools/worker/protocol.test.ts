import type { Har } from 'har-format';
import { describe, expect, it } from 'vitest';
import { annotateHar } from '../../core/har/annotate.ts';
import { parseUserProfiles } from '../../core/profiles/index.ts';
import { GENERATOR } from '../../core/version.ts';
import { harEntry, inProcessWorker, testScheduler } from '../test-support.ts';
import { createWorkerClient, JobCancelled, type WorkerLike } from './client.ts';
import { createWorkerHost } from './host.ts';
import { CHUNK_ENTRIES, type FromWorker, FromWorker as FromWorkerSchema } from './protocol.ts';

const profiles = () => {
  const p = parseUserProfiles([
    {
      id: 'acme',
      name: 'ACME',
      match: { hosts: ['api.acme.test'] },
      statuses: { '409': { meaning: 'Invoice is being charged; wait.', retry: 'wait' } },
    },
  ]);
  if (!p.ok) throw new Error(p.errors.join());
  return p.profiles;
};

const harText = (entries: ReturnType<typeof harEntry>[]) =>
  JSON.stringify({ log: { version: '1.2', creator: { ...GENERATOR }, entries } });

describe('worker host', () => {
  it('answers a malformed message with an error naming it, never throwing', async () => {
    const got: FromWorker[] = [];
    const host = createWorkerHost((m) => got.push(FromWorkerSchema.parse(m)));
    await host({ kind: 'import', id: 3 });
    await host('nonsense');
    expect(got.map((m) => m.kind)).toEqual(['error', 'error']);
    expect(got[0]).toMatchObject({
      id: 3,
      message: expect.stringMatching(/^malformed worker message/),
    });
  });

  it('imports in start-time order and hands rows over only as fast as the panel pulls', async () => {
    const got: FromWorker[] = [];
    const host = createWorkerHost((m) => got.push(FromWorkerSchema.parse(m)));
    const entries = Array.from({ length: CHUNK_ENTRIES * 3 + 5 }, (_, i) =>
      harEntry({ url: `https://api.example.com/${i}`, at: 1e12 + (CHUNK_ENTRIES * 4 - i) }),
    );
    await host({ kind: 'import', id: 1, file: new Blob([harText(entries)]), userProfiles: [] });
    const chunks = () => got.filter((m) => m.kind === 'rows');
    // Two chunks in flight until the panel asks for more; no `done` yet.
    expect(chunks()).toHaveLength(2);
    expect(got.some((m) => m.kind === 'done')).toBe(false);
    expect(got.filter((m) => m.kind === 'progress').map((m) => m.phase)).toContain('annotating');
    await host({ kind: 'next', id: 1 });
    await host({ kind: 'next', id: 1 });
    await host({ kind: 'next', id: 1 });
    expect(chunks()).toHaveLength(4);
    const done = got.at(-1)!;
    expect(done).toMatchObject({ kind: 'done', total: entries.length });
    const urls = chunks().flatMap((c) =>
      c.kind === 'rows' ? c.items.map((i) => i.entry.request.url) : [],
    );
    expect(urls[0]).toBe(`https://api.example.com/${entries.length - 1}`);
    expect(urls).toHaveLength(entries.length);
  });

  it('imports entries real writers bend: a header without a value (axios-har-tracker) is skipped', async () => {
    const got: FromWorker[] = [];
    const host = createWorkerHost((m) => got.push(FromWorkerSchema.parse(m)));
    const entry = harEntry({ url: 'https://api.example.com/a', status: 404 });
    const bent = {
      ...entry,
      request: { ...entry.request, headers: [{ name: 'Content-Type' }, ...entry.request.headers] },
    };
    await host({
      kind: 'import',
      id: 2,
      file: new Blob([harText([bent as typeof entry])]),
      userProfiles: [],
    });
    expect(got.filter((m) => m.kind === 'error')).toEqual([]);
    const rows = got.flatMap((m) => (m.kind === 'rows' ? m.items : []));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.entry.request.headers).toEqual(entry.request.headers);
    expect(got.at(-1)).toMatchObject({ kind: 'done', total: 1 });
  });

  it('re-annotates with the new profiles, counting in start order but answering in feed order', async () => {
    const got: FromWorker[] = [];
    const host = createWorkerHost((m) => got.push(FromWorkerSchema.parse(m)));
    const late = harEntry({ url: 'https://api.acme.test/a', status: 409, at: 2e12 });
    const early = harEntry({ url: 'https://api.acme.test/b', status: 409, at: 1e12 });
    await host({ kind: 'feed', id: 7, entries: [late] });
    await host({ kind: 'feed', id: 7, entries: [early] });
    await host({ kind: 'reannotate', id: 7, userProfiles: profiles() });
    const chunk = got.find((m) => m.kind === 'annotations');
    expect(chunk?.kind === 'annotations' && chunk.from).toBe(0);
    const anns = chunk?.kind === 'annotations' ? chunk.annotations : [];
    expect(anns.map((a) => a.profile)).toEqual(['acme', 'acme']);
    expect(anns[0]!.status.meaning).toBe('Invoice is being charged; wait.');
    expect(anns.map((a) => a.retry.verdict)).toEqual(['wait', 'wait']);
  });

  it('exports exactly what `apilens annotate` prints for the fed entries', async () => {
    const got: FromWorker[] = [];
    const host = createWorkerHost((m) => got.push(FromWorkerSchema.parse(m)));
    const key = 'sk_live_0123456789abcdef';
    const entries = [
      harEntry({
        url: 'https://api.acme.test/x',
        status: 409,
        requestHeaders: { Authorization: `Bearer ${key}` },
      }),
      harEntry({ url: 'https://api.example.com/y', status: 500, body: '{"error":"boom"}' }),
    ];
    await host({ kind: 'feed', id: 2, entries });
    await host({ kind: 'export', id: 2, redact: true, userProfiles: profiles() });
    const file = got.find((m) => m.kind === 'file');
    expect(file?.kind).toBe('file');
    const text = file?.kind === 'file' ? await file.blob.text() : '';
    const har: Har = { log: { version: '1.2', creator: { ...GENERATOR }, entries } };
    expect(text).toBe(
      `${JSON.stringify(annotateHar(har, { redact: true, userProfiles: profiles() }), null, 2)}\n`,
    );
    expect(text).not.toContain(key);
  });

  it('reports an invalid HAR as an error with the place it failed', async () => {
    const got: FromWorker[] = [];
    const host = createWorkerHost((m) => got.push(FromWorkerSchema.parse(m)));
    await host({
      kind: 'import',
      id: 4,
      file: new Blob(['{"log":{"entries":"no"}}']),
      userProfiles: [],
    });
    expect(got.at(-1)).toMatchObject({
      kind: 'error',
      id: 4,
      message: expect.stringMatching(/entries/),
    });
  });
});

describe('worker client', () => {
  it('rejects a reply that does not match the contract', async () => {
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m) =>
        setTimeout(
          () => w.onmessage?.({ data: { kind: 'done', id: (m as { id: number }).id, total: -1 } }),
          0,
        ),
      terminate: () => {},
    };
    const client = createWorkerClient(() => w, testScheduler);
    const job = client.run({
      start: { kind: 'reannotate', id: 0, userProfiles: [] },
      onChunk: () => {},
    });
    await expect(job.done).rejects.toThrow(/malformed worker reply/);
    expect(FromWorkerSchema.safeParse({ kind: 'done', id: 1, total: 3 }).success).toBe(true);
  });

  it('cancels a job by terminating its worker: no chunk is applied after', async () => {
    let terminated = 0;
    const spawn = () => {
      const w = inProcessWorker();
      const terminate = w.terminate.bind(w);
      w.terminate = () => {
        terminated++;
        terminate();
      };
      return w;
    };
    const client = createWorkerClient(spawn, testScheduler);
    const entries = Array.from({ length: CHUNK_ENTRIES * 4 }, (_, i) =>
      harEntry({ url: `https://a.test/${i}` }),
    );
    let applied = 0;
    const job = client.run({
      start: { kind: 'import', id: 0, file: new Blob([harText(entries)]), userProfiles: [] },
      onChunk: (c) => {
        applied += c.kind === 'rows' ? c.items.length : 0;
        job.cancel();
      },
    });
    await expect(job.done).rejects.toBeInstanceOf(JobCancelled);
    expect(applied).toBe(CHUNK_ENTRIES);
    expect(terminated).toBe(1);
  });

  it('reads a chunk in a task after its message, and applies it in a task after that', async () => {
    const log: string[] = [];
    const turns: (() => void)[] = [];
    // Each yield waits for the test to give the turn: the tasks a browser would run between.
    const scheduler = {
      now: () => 0,
      yield: () => new Promise<void>((r) => turns.push(r)),
    };
    const w: WorkerLike = { onmessage: null, onerror: null, postMessage: () => {}, terminate() {} };
    const client = createWorkerClient(() => w, scheduler);
    const job = client.run({
      start: { kind: 'reannotate', id: 0, userProfiles: [] },
      onChunk: () => void log.push('applied'),
    });
    const chunk = { kind: 'annotations', id: 1, from: 0, annotations: [] };
    w.onmessage?.({
      get data() {
        log.push('read');
        return chunk;
      },
    });
    const nextTurn = async () => {
      for (let i = 0; i < 50 && turns.length === 0; i++) await Promise.resolve();
      turns.shift()?.();
      for (let i = 0; i < 50; i++) await Promise.resolve();
    };
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(log).toEqual([]);
    await nextTurn();
    expect(log).toEqual(['read']);
    await nextTurn();
    expect(log).toEqual(['read', 'applied']);
    job.cancel();
    await expect(job.done).rejects.toBeInstanceOf(JobCancelled);
  });

  it('decodes and formats through one shared worker', async () => {
    let spawned = 0;
    const client = createWorkerClient(() => {
      spawned++;
      return inProcessWorker();
    }, testScheduler);
    const f = await client.format('{"a":[1]}', 'application/json');
    expect(f).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    const e = harEntry({ status: 500 });
    const a = await client.decode(e, { text: '{"message":"Gateway down"}' }, []);
    expect(a.error?.messages).toEqual(['Gateway down']);
    expect(spawned).toBe(1);
  });
});
