import type { Entry, Har } from 'har-format';
import type { EntryAnnotation } from '../annotation.ts';
import { createEngine, type EngineOptions } from '../engine.ts';
import { GENERATOR } from '../version.ts';
import { type RedactOptions, redactEntry } from './redact.ts';
import { Summarizer } from './summary.ts';

/** An entry as it leaves API Lens: the HAR entry with its annotation at `_apiLens`. */
export type AnnotatedEntry = Entry & { _apiLens: EntryAnnotation };

export interface WriteOptions {
  /** Remove credentials (default true: redaction is on unless the caller opts out). */
  redact?: boolean;
  redactOptions?: RedactOptions;
}

/**
 * Builds an exportable HAR from entries already annotated (the panel's path): redacts each
 * entry, records what was removed in `_apiLens.redacted`, and writes `log._apiLens`.
 */
export function buildHar(
  items: readonly { entry: Entry; annotation: EntryAnnotation }[],
  opts: WriteOptions = {},
  base?: Omit<Har['log'], 'entries'>,
): Har {
  const redact = opts.redact ?? true;
  const summary = new Summarizer(GENERATOR);
  const entries = items.map(({ entry, annotation }, i) => {
    let out = entry;
    let a = annotation;
    if (redact) {
      const r = redactEntry(entry, opts.redactOptions);
      out = r.entry;
      a = { ...annotation, ...(r.removed.length ? { redacted: r.removed } : {}) };
    }
    summary.add(out, a, i);
    return { ...out, _apiLens: a } as AnnotatedEntry;
  });
  return {
    log: {
      version: base?.version ?? '1.2',
      creator: base?.creator ?? { name: GENERATOR.name, version: GENERATOR.version },
      ...(base?.browser ? { browser: base.browser } : {}),
      ...(base?.pages ? { pages: base.pages } : {}),
      ...(base?.comment ? { comment: base.comment } : {}),
      entries,
      _apiLens: summary.toJSON(redact),
    } as Har['log'],
  };
}

/**
 * Annotates a whole HAR log (the CLI's path). Entries are counted by the rate tracker in
 * start-time order, as they happened, while the output keeps the file's order.
 */
export function annotateHar(har: Har, opts: WriteOptions & EngineOptions = {}): Har {
  const engine = createEngine(opts);
  const entries = har.log.entries;
  const order = entries.map((_, i) => i);
  const times = entries.map((e) => Date.parse(e.startedDateTime));
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  const annotations: EntryAnnotation[] = new Array(entries.length);
  for (const i of order) annotations[i] = engine.annotate(entries[i]!);
  const { entries: _old, ...base } = har.log;
  return buildHar(
    entries.map((entry, i) => ({ entry, annotation: annotations[i]! })),
    opts,
    base,
  );
}
