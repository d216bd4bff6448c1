import type { Entry, Har } from 'har-format';
import type { EntryAnnotation, LogAnnotation } from '../annotation.ts';
import type { EngineOptions } from '../engine.ts';
import { GENERATOR } from '../version.ts';
import { HarAnnotator } from './annotator.ts';
import { type AnnotatedEntry, EntryFinisher, put, type WriteOptions } from './finisher.ts';

export { HarAnnotator, REORDER_WINDOW } from './annotator.ts';
export {
  type AnnotatedEntry,
  EntryFinisher,
  type RedactedPart,
  type WriteOptions,
} from './finisher.ts';

/**
 * The log (or top-level object) with `key` replaced and `_apiLens` last: members keep the order
 * and content they had in the input; an `_apiLens` from an earlier run is replaced, not kept.
 */
export function withMember(
  base: Record<string, unknown>,
  key: string,
  value: unknown,
  apiLens?: LogAnnotation,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) {
    if (apiLens && k === '_apiLens') continue;
    put(out, k, k === key ? value : base[k]);
  }
  if (apiLens) put(out, '_apiLens', apiLens);
  return out;
}

/**
 * Builds an exportable HAR from entries already annotated (the panel's path). `base` is the
 * log's other members (version, creator, pages, custom fields…), kept as they are.
 */
export function buildHar(
  items: readonly { entry: Entry; annotation: EntryAnnotation }[],
  opts: WriteOptions = {},
  base?: Omit<Har['log'], 'entries'>,
): Har {
  const finisher = new EntryFinisher(opts);
  finisher.prime(items.map((i) => i.entry));
  const entries = items.map(({ entry, annotation }, i) => finisher.finish(entry, annotation, i));
  const log = {
    version: '1.2',
    creator: { name: GENERATOR.name, version: GENERATOR.version },
    ...(finisher.other(base) as Record<string, unknown> | undefined),
    entries: [],
  };
  return { log: withMember(log, 'entries', entries, finisher.log()) as unknown as Har['log'] };
}

/** Annotates a whole HAR: the output is the input, every member kept, plus `_apiLens`. */
export function annotateHar(har: Har, opts: WriteOptions & EngineOptions = {}): Har {
  const entries: AnnotatedEntry[] = [];
  const annotator = new HarAnnotator(opts, (e) => entries.push(e));
  annotator.prime(har.log.entries);
  har.log.entries.forEach((e, i) => {
    annotator.push(e, i);
  });
  const summary = annotator.end();
  const log = withMember(annotator.other(har.log) as never, 'entries', entries, summary);
  return withMember(har as never, 'log', log) as unknown as Har;
}
