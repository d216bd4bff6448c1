import type { Entry, Har } from 'har-format';
import type { EntryAnnotation } from '../../core/annotation.ts';
import { createEngine, type Engine } from '../../core/engine.ts';
import { annotateHar } from '../../core/har/annotate.ts';
import { parseHar } from '../../core/har/parse.ts';
import { readableEntry } from '../../core/har/readable.ts';
import { stringifyIterative } from '../../core/json-text.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import { GENERATOR } from '../../core/version.ts';
import { urlParts } from '../rows.ts';
import {
  chunked,
  entryChars,
  type FromWorkerWire as FromWorker,
  type Phase,
  ToWorker,
} from './protocol.ts';
import { packEntry } from './transfer.ts';

/**
 * The worker's side of the protocol, free of `self` so tests drive it directly: decode and
 * format answer at once; import, export and reannotate are jobs that report progress and hand
 * their results over in chunks the panel pulls (at most IN_FLIGHT unanswered at a time).
 */

const IN_FLIGHT = 2;
/** Progress is reported every this many entries (cheap to post, smooth enough to watch). */
const PROGRESS_EVERY = 500;

/** Start-time order, ties in input order: how annotateHar counts (the CLI's order). */
export function startOrder(entries: readonly Entry[]): number[] {
  const times = entries.map((e) => Date.parse(e.startedDateTime));
  return entries.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
}

/** Pretty JSON when the body parses as a JSON object or array; the text as it is otherwise. */
export function formatBody(text: string, mimeType: string): { text: string; json: boolean } {
  const t = text.trimStart();
  if (!/json/i.test(mimeType) && !t.startsWith('{') && !t.startsWith('['))
    return { text, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), json: true };
  } catch {
    return { text, json: false };
  }
}

/**
 * The file's text, indented like the CLI's. V8's stringify recurses: a custom field nested a few
 * thousand levels deep overflows it, and then the file is written compact, without recursion.
 */
function harText(har: Har): string {
  try {
    return JSON.stringify(har, null, 2);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyIterative(har) ?? 'null';
  }
}

export function createWorkerHost(post: (m: FromWorker) => void) {
  let decoder: { key: string; engine: Engine } | undefined;
  const fed = new Map<number, Entry[]>();
  const outboxes = new Map<number, { queue: FromWorker[]; credits: number; end?: FromWorker }>();

  const progress = (id: number, phase: Phase, done: number, total: number) =>
    post({ kind: 'progress', id, phase, done, total });

  /** Sends what the panel has room for; the `end` message goes once the queue drained. */
  function flush(id: number) {
    const box = outboxes.get(id);
    if (!box) return;
    while (box.credits > 0 && box.queue.length > 0) {
      box.credits--;
      post(box.queue.shift()!);
    }
    if (box.queue.length === 0 && box.end) {
      post(box.end);
      outboxes.delete(id);
    }
  }
  function send(id: number, chunks: FromWorker[], end: FromWorker) {
    outboxes.set(id, { queue: chunks, credits: IN_FLIGHT, end });
    flush(id);
  }

  function annotateAll(id: number, entries: readonly Entry[], userProfiles: Profile[]) {
    const engine = createEngine({ userProfiles });
    const out: EntryAnnotation[] = new Array(entries.length);
    const order = startOrder(entries);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      out[i] = engine.annotate(entries[i]!);
      if ((k + 1) % PROGRESS_EVERY === 0) progress(id, 'annotating', k + 1, entries.length);
    }
    progress(id, 'annotating', entries.length, entries.length);
    return { annotations: out, engine };
  }

  async function importFile(id: number, file: Blob, userProfiles: Profile[]) {
    progress(id, 'reading', 0, file.size);
    const text = await file.text();
    progress(id, 'parsing', 0, file.size);
    const parsed = parseHar(text);
    if (!parsed.ok) return post({ kind: 'error', id, message: parsed.error });
    const all = parsed.har.log.entries;
    // The panel reads entries as HAR 1.2 says they are: the readable view (readable.ts) of what
    // real writers bend, e.g. axios-har-tracker's `{"name": "Content-Type"}` with no value.
    const entries = startOrder(all).map((i) => readableEntry(all[i]!));
    const { annotations, engine } = annotateAll(id, entries, userProfiles);
    const items = entries.map((entry, i) => ({ entry, annotation: annotations[i]! }));
    const chunks = chunked(items, (it) => entryChars(it.entry)).map(
      (c): FromWorker => ({
        kind: 'rows',
        id,
        items: c.map((it) => ({
          entry: packEntry(it.entry),
          annotation: it.annotation,
          ...urlParts(it.entry.request.url),
        })),
      }),
    );
    send(id, chunks, { kind: 'done', id, total: items.length, rate: engine.rate.toJSON() });
  }

  function reannotate(id: number, userProfiles: Profile[]) {
    const entries = fed.get(id) ?? [];
    fed.delete(id);
    const { annotations, engine } = annotateAll(id, entries, userProfiles);
    const chunks: FromWorker[] = [];
    let from = 0;
    for (const c of chunked(annotations, () => 600)) {
      chunks.push({ kind: 'annotations', id, from, annotations: c });
      from += c.length;
    }
    send(id, chunks, { kind: 'done', id, total: entries.length, rate: engine.rate.toJSON() });
  }

  /** The imported file as parsed again, or an error message when it can no longer be read. */
  async function reread(file: Blob): Promise<Har | string> {
    try {
      const parsed = parseHar(await file.text());
      return parsed.ok ? parsed.har : parsed.error;
    } catch (e) {
      return `the imported file can no longer be read (${e instanceof Error ? e.message : e})`;
    }
  }

  async function exportHar(id: number, redact: boolean, userProfiles: Profile[], file?: Blob) {
    let har: Har;
    if (file) {
      progress(id, 'reading', 0, file.size);
      const got = await reread(file);
      if (typeof got === 'string') return post({ kind: 'error', id, message: got });
      har = got;
    } else {
      har = {
        log: {
          version: '1.2',
          creator: { name: GENERATOR.name, version: GENERATOR.version },
          entries: fed.get(id) ?? [],
        },
      };
    }
    fed.delete(id);
    const entries = har.log.entries;
    progress(id, 'annotating', 0, entries.length);
    // The CLI's own path (run.ts `annotate`): annotateHar, then JSON with a final newline.
    const out = annotateHar(har, { redact, userProfiles });
    progress(id, 'writing', entries.length, entries.length);
    const blob = new Blob([`${harText(out)}\n`], { type: 'application/json' });
    post({ kind: 'file', id, blob, entries: entries.length });
    post({ kind: 'done', id, total: entries.length });
  }

  async function handle(m: ToWorker): Promise<void> {
    switch (m.kind) {
      case 'decode': {
        const key = JSON.stringify(m.userProfiles);
        if (decoder?.key !== key)
          decoder = { key, engine: createEngine({ userProfiles: m.userProfiles }) };
        return post({
          kind: 'annotation',
          id: m.id,
          annotation: decoder.engine.annotate(m.entry, m.body),
        });
      }
      case 'format':
        return post({ kind: 'formatted', id: m.id, ...formatBody(m.text, m.mimeType) });
      case 'import':
        return importFile(m.id, m.file, m.userProfiles);
      case 'feed': {
        const list = fed.get(m.id) ?? [];
        for (const e of m.entries) list.push(e);
        fed.set(m.id, list);
        return;
      }
      case 'export':
        return exportHar(m.id, m.redact, m.userProfiles, m.file);
      case 'reannotate':
        return reannotate(m.id, m.userProfiles);
      case 'next': {
        const box = outboxes.get(m.id);
        if (box) box.credits++;
        return flush(m.id);
      }
    }
  }

  /** Handles one raw message; a malformed one or a failing job is answered with `error`. */
  return async function onMessage(raw: unknown): Promise<void> {
    const parsed = ToWorker.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      post({
        kind: 'error',
        id: typeof id === 'number' && id >= 0 ? id : 0,
        message: `malformed worker message: ${parsed.error.issues[0]?.message ?? 'unknown'}`,
      });
      return;
    }
    try {
      await handle(parsed.data);
    } catch (e) {
      post({ kind: 'error', id: parsed.data.id, message: (e as Error).message || String(e) });
    }
  };
}
