import type { Entry } from 'har-format';
import { describe, expect, it } from 'vitest';
import { stringifyIterative } from '../../core/json-text.ts';
import { GENERATOR } from '../../core/version.ts';
import { harEntry, testScheduler } from '../test-support.ts';
import { createWorkerClient, type WorkerLike } from './client.ts';
import { createWorkerHost } from './host.ts';
import { CLONE_DEPTH, deeperThan, packEntry, unpackEntry } from './transfer.ts';

const DEPTH = 5_000;

/** `{"a":{"a":…{"leaf":"x"}}}`, built without recursion. */
function nested(depth: number): unknown {
  let v: unknown = { leaf: 'x' };
  for (let i = 1; i < depth; i++) v = { a: v };
  return v;
}

/** A worker whose postMessage copies with structured clone, as Chromium's does (Blobs as is). */
function cloningWorker(): WorkerLike {
  const copy = (m: unknown) => {
    const blob = (m as { file?: unknown; blob?: unknown }).file ?? (m as { blob?: unknown }).blob;
    return blob instanceof Blob ? m : structuredClone(m);
  };
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const m = copy(message);
      setTimeout(() => void host(m), 0);
    },
    terminate() {},
  };
  const host = createWorkerHost((m) => {
    const c = copy(m);
    setTimeout(() => w.onmessage?.({ data: c }), 0);
  });
  return w;
}

describe('worker transfer of entries nested deeper than structured clone can copy', () => {
  it('structured clone itself overflows on such an entry (what this guards against)', () => {
    expect(() => structuredClone({ _deep: nested(DEPTH) })).toThrow(RangeError);
  });

  it('packs only deep entries, and unpacks them to the same JSON', () => {
    const shallow = harEntry();
    expect(packEntry(shallow)).toBe(shallow);
    const deep = { ...harEntry(), _deep: nested(DEPTH) } as Entry;
    const packed = packEntry(deep);
    expect(packed).not.toBe(deep);
    expect(deeperThan(packed, CLONE_DEPTH)).toBe(false);
    const back = unpackEntry(structuredClone(packed))!;
    expect(stringifyIterative(back)).toBe(stringifyIterative(deep));
    expect(unpackEntry({ packedEntryJson: 'not json' })).toBeUndefined();
  });

  it('imports a HAR with a 5,000-deep custom field, and exports the field unchanged', async () => {
    const client = createWorkerClient(cloningWorker, testScheduler);
    const custom = nested(DEPTH);
    const entry = { ...harEntry({ url: 'https://api.example.com/deep' }), _deep: custom };
    const file = new Blob([
      stringifyIterative({ log: { version: '1.2', creator: { ...GENERATOR }, entries: [entry] } })!,
    ]);
    const rows: Entry[] = [];
    const imported = client.run({
      start: { kind: 'import', id: 0, file, userProfiles: [] },
      onChunk: (c) => {
        if (c.kind === 'rows') for (const it of c.items) rows.push(it.entry);
      },
    });
    await expect(imported.done).resolves.toMatchObject({ kind: 'done', total: 1 });
    expect(rows.map((r) => r.request.url)).toEqual(['https://api.example.com/deep']);
    const want = stringifyIterative(custom);
    expect(stringifyIterative((rows[0] as Entry & { _deep: unknown })._deep)).toBe(want);

    let text: Promise<string> | undefined;
    const exported = client.run({
      feed: rows,
      start: { kind: 'export', id: 0, redact: true, userProfiles: [] },
      onChunk: (c) => {
        if (c.kind === 'file') text = c.blob.text();
      },
    });
    await expect(exported.done).resolves.toMatchObject({ kind: 'done', total: 1 });
    const har = JSON.parse(await text!) as { log: { entries: { _deep: unknown }[] } };
    expect(stringifyIterative(har.log.entries[0]!._deep)).toBe(want);
  });
});
