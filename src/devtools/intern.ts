import type { Entry, Header } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';

/**
 * One copy of each short string rows repeat. A row that crossed from the worker holds its own
 * copy of every string (structured clone copies strings, it does not share them): 50,000 rows
 * held 50,000 copies of "application/json", "HTTP/1.1", an RFC citation or a status meaning.
 * Replacing a string by an equal one changes nothing a reader can see, and frees the copies.
 */

/** Longer strings are rarely repeated (bodies, URLs, messages); not worth a lookup. */
const MAX_CHARS = 96;
/** A bound on what the table holds: unique short values (ids, dates) stop being added. */
export const MAX_STRINGS = 20_000;

export class Interner {
  private table = new Map<string, string>();

  /** Strings held for sharing. */
  get size(): number {
    return this.table.size;
  }

  /** The shared copy of `s` (itself the first time it is seen). */
  get(s: string): string {
    if (s.length > MAX_CHARS) return s;
    const hit = this.table.get(s);
    if (hit !== undefined) return hit;
    if (this.table.size < MAX_STRINGS) this.table.set(s, s);
    return s;
  }

  private opt(s: string | undefined): string | undefined {
    return s === undefined ? s : this.get(s);
  }

  private headers(hs: Header[] | undefined) {
    if (!Array.isArray(hs)) return;
    for (const h of hs) {
      if (typeof h.name === 'string') h.name = this.get(h.name);
      if (typeof h.value === 'string') h.value = this.get(h.value);
    }
  }

  /** Shares the repeated strings of an entry the panel owns (in place). */
  entry(e: Entry): void {
    const { request: q, response: r } = e;
    q.method = this.get(q.method);
    q.httpVersion = this.get(q.httpVersion);
    this.headers(q.headers);
    r.statusText = this.get(r.statusText);
    r.httpVersion = this.get(r.httpVersion);
    this.headers(r.headers);
    if (typeof r.content?.mimeType === 'string') r.content.mimeType = this.get(r.content.mimeType);
  }

  /** Shares the repeated strings of an annotation the panel owns (in place). */
  annotation(a: EntryAnnotation): void {
    a.profile = this.get(a.profile);
    const s = a.status;
    s.text = this.get(s.text);
    s.meaning = this.get(s.meaning);
    s.source = this.get(s.source) as typeof s.source;
    if (s.cite !== undefined) s.cite = this.get(s.cite);
    const t = a.retry;
    t.reason = this.get(t.reason);
    t.verdict = this.get(t.verdict) as typeof t.verdict;
    if (t.cite !== undefined) t.cite = this.get(t.cite);
    if (a.error) {
      a.error.format = this.get(a.error.format);
      if (a.error.code !== undefined) a.error.code = this.opt(a.error.code);
      if (a.error.docs !== undefined) a.error.docs = this.opt(a.error.docs);
    }
  }
}
