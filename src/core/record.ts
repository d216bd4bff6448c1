import type { EntryAnnotation } from './annotation.ts';
import type { RateTracker } from './rate/index.ts';
import type { RatePolicy, RateRecordInput } from './rate/types.ts';

/**
 * The second step of Engine.annotate: an entry prepared elsewhere (possibly on another thread)
 * is counted by the rate tracker, in start-time order, and its annotation completed.
 */

/** An entry's annotation before the rate tracker has counted it (structured-clonable data). */
export type Prepared =
  | {
      /** The annotation's members before `rate`, in the contract's order. */
      head: Omit<EntryAnnotation, 'rate' | 'hal' | 'operation' | 'schema' | 'notes'>;
      /** Those after it (`notes` apart). */
      tail: Pick<EntryAnnotation, 'hal' | 'operation' | 'schema'>;
      /** Notes before and after the rate tracker's polling advice. */
      notes: [before: string[], after: string[]];
      /** What the tracker counts; none for a CORS preflight. */
      count?: RateRecordInput;
      policy?: RatePolicy;
      /** The status code an invalid-entry annotation reports, should `record` fail. */
      code: number;
    }
  | { failed: EntryAnnotation };

/** A malformed entry must not take the whole capture down: it is reported as what it is. */
export function invalidEntry(code: number, e: unknown): EntryAnnotation {
  return {
    v: 1,
    profile: 'generic',
    status: { code, text: '', meaning: 'This entry could not be annotated.', source: 'rfc' },
    error: {
      format: 'invalid-entry',
      messages: [`Could not annotate this entry: ${(e as Error).message}`],
    },
    retry: { verdict: 'fix', reason: 'The entry is malformed.' },
  };
}

export function recordPrepared(rate: RateTracker, p: Prepared): EntryAnnotation {
  if ('failed' in p) return p.failed;
  try {
    const state = p.count ? rate.record(p.count) : undefined;
    const notes = [
      ...p.notes[0],
      ...(state?.polling?.advice ? [state.polling.advice] : []),
      ...p.notes[1],
    ];
    const { policy } = p;
    return {
      ...p.head,
      ...(policy && state && state.limit !== undefined
        ? {
            rate: {
              key: p.count!.key,
              limit: state.limit,
              windowSeconds: state.windowSeconds,
              count: state.count,
              source: state.source ?? policy.source,
              ...(state.remaining !== undefined ? { remaining: state.remaining } : {}),
              over: state.over,
            },
          }
        : {}),
      ...p.tail,
      ...(notes.length ? { notes } : {}),
    };
  } catch (e) {
    return invalidEntry(p.code, e);
  }
}
