import type { Entry } from 'har-format';
import { BUILTIN_PROFILES } from '../../profiles/builtin/index.ts';
import { profileSecretNames, type SecretNameLists } from '../../profiles/schema.ts';
import { type Eraser, Scan } from './context.ts';
import { redactStructure } from './entry.ts';
import { eraseAnnotation, eraseEntry, eraseIn } from './erase.ts';
import { nameHint, squash, words } from './names.ts';
import { SecretValues } from './secrets.ts';
import { redactUrl as redactUrlIn } from './url.ts';

/**
 * Redaction ("sanitize" in DevTools' HAR writer): the one module that removes credentials from
 * what leaves API Lens — the CLI's annotate, the panel's HAR export, the copy actions and the
 * popup's JSON export all call it, with the same options. On by default everywhere.
 *
 * Two passes. The first replaces every secret recognised by its name or position (headers,
 * query, URL userinfo and fragment, cookies, JSON/form/multipart/XML bodies, custom fields) and
 * registers its value; the second erases every registered value wherever else it appears in
 * the entry, the rest of the log and our own annotation. API keys and tokens become
 * `[REDACTED k:<12 hex>]` (the rate meter's fingerprint, never the key), so an export
 * annotated again counts under the same rate keys; other secrets become `[REDACTED]`.
 */

export { REDACTED } from './secrets.ts';

export interface RedactOptions {
  /** The user's profiles (built-ins are always included): their key names are secrets. */
  userProfiles?: readonly SecretNameLists[];
  /** The entry's matched profile, when the caller has it (a copy action): its names too. */
  profile?: SecretNameLists | undefined;
  /** Extra header names to treat as secret. */
  secretHeaders?: readonly string[];
  /** Extra query parameter names to treat as secret. */
  secretParams?: readonly string[];
}

interface Policy {
  extra: ReadonlySet<string>;
  hint: RegExp;
}

const policies = new WeakMap<object, Policy>();

function compile(opts: RedactOptions): Policy {
  const names = [
    ...[
      ...BUILTIN_PROFILES,
      ...(opts.userProfiles ?? []),
      ...(opts.profile ? [opts.profile] : []),
    ].flatMap(profileSecretNames),
    ...(opts.secretHeaders ?? []),
    ...(opts.secretParams ?? []),
  ];
  const extra = new Set(names.map(squash).filter(Boolean));
  // The text spells a name with its separators: hint on each of its words.
  const hintWords = new Set(names.flatMap(words).filter((w) => w.length >= 3));
  return { extra, hint: nameHint(hintWords) };
}

function policy(opts: RedactOptions): Policy {
  // Compiled once per profile list (the background redacts every request with the same one).
  const only = opts.userProfiles && !opts.profile && !opts.secretHeaders && !opts.secretParams;
  const key = only ? opts.userProfiles! : opts;
  let p = policies.get(key);
  if (!p) {
    p = compile(opts);
    policies.set(key, p);
  }
  return p;
}

export interface Redacted<A> {
  entry: Entry;
  /** The annotation with the same secrets erased from our own text (when one was given). */
  annotation: A;
  /** What changed, as paths: `request.headers.Authorization`, `response.content.text$.token`… */
  removed: string[];
}

const OTHER_SKIP = new Set(['entries', '_apiLens']);

/**
 * Redaction of a whole log: `find` every entry first (registering its secrets), then `finish`
 * each, so a secret seen in one entry is erased from all the others too.
 */
export class LogRedaction {
  private readonly values = new SecretValues();
  private readonly policy: Policy;

  constructor(opts: RedactOptions = {}) {
    this.policy = policy(opts);
  }

  private scan(): Scan {
    return new Scan(this.values, this.policy.extra, this.policy.hint);
  }

  /** First pass: secrets recognised by name or position replaced, their values registered. */
  find(entry: Entry): { entry: Entry; notes: string[] } {
    const s = this.scan();
    return { entry: redactStructure(s, entry), notes: s.notes };
  }

  /** Second pass: every registered secret erased from the entry and its annotation. */
  finish<A>(found: { entry: Entry; notes: string[] }, annotation: A): Redacted<A> {
    const e = this.finishEntry(found);
    const a = this.finishAnnotation(e.notes, annotation);
    return { entry: e.entry, annotation: a.annotation, removed: a.removed };
  }

  /** The second pass over the entry alone; `notes` goes on to `finishAnnotation`. */
  finishEntry(found: { entry: Entry; notes: string[] }): { entry: Entry; notes: string[] } {
    const s = this.scan();
    for (const n of found.notes) s.note(n);
    return { entry: eraseEntry(s, found.entry), notes: s.notes };
  }

  /** The second pass over our annotation, after the entry's (whose `notes` it continues). */
  finishAnnotation<A>(
    notes: readonly string[],
    annotation: A,
  ): { annotation: A; removed: string[] } {
    const s = this.scan();
    for (const n of notes) s.note(n);
    const a = annotation === undefined ? annotation : eraseAnnotation(s, annotation);
    return { annotation: a, removed: s.notes };
  }

  /** A secret `find` registered in another LogRedaction (a worker thread's), in the same order. */
  register(value: string, keyLike: boolean): void {
    this.values.add(value, keyLike);
  }

  /** Hears every secret `find` registers from now on (a worker reports them to the main thread). */
  onRegister(listener: ((value: string, keyLike: boolean) => void) | undefined): void {
    this.values.listener = listener;
  }

  /** Any other data of the log (pages, comments, custom fields) with registered secrets erased. */
  other<T>(value: T): T {
    return eraseIn(this.scan(), value, '', OTHER_SKIP);
  }

  /**
   * Whether `finish` (or `other`, for `entry` undefined) would erase from the entry or its
   * annotation, or from `value`, a secret that `known` says its earlier redaction did not know
   * (it is given each value found and its place in the order of registration). Every secret of
   * the log must be registered first. The CLI checks a single pass over a HAR with this.
   */
  meetsUnknown(
    what: { entry: Entry; annotation: unknown } | { other: unknown },
    known: (value: string, index: number) => boolean,
  ): boolean {
    const values = this.values;
    let met = false;
    const probe: Eraser = {
      add: (v, k) => values.add(v, k),
      erase(text) {
        if (!met)
          for (const v of values.valuesIn(text))
            if (!known(v, values.indexOf(v)!)) {
              met = true;
              break;
            }
        return text;
      },
    };
    const s = new Scan(probe, this.policy.extra, this.policy.hint);
    if ('other' in what) eraseIn(s, what.other, '', OTHER_SKIP);
    else {
      eraseEntry(s, redactStructure(s, what.entry));
      if (what.annotation !== undefined) eraseAnnotation(s, what.annotation);
    }
    return met;
  }
}

/** One entry (a copy action, the popup's counters): a redacted copy and what was removed. */
export function redactEntry<A = undefined>(
  entry: Entry,
  opts: RedactOptions = {},
  annotation?: A,
): Redacted<A> {
  const r = new LogRedaction(opts);
  return r.finish(r.find(entry), annotation as A);
}

/** A URL alone, redacted by the same rules (a summary line, a popup error path). */
export function redactUrl(url: string, opts: RedactOptions = {}): string {
  const p = policy(opts);
  const values = new SecretValues();
  const s = new Scan(values, p.extra, p.hint);
  return values.erase(redactUrlIn(s, url, 'url'));
}
