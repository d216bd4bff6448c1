import { decodeBase64Binary } from './bodies.ts';
import type { Scan } from './context.ts';
import { walk } from './walk.ts';

/**
 * The second pass: every secret value found anywhere in the log is erased from every string of
 * an entry (other headers, redirectURL, bodies, custom fields, WebSocket frames) and from our own
 * annotation (decoded messages, request id), in one combined search per string.
 */

// Fields that hold no network text: dates, and the annotation's own enumerations and keys.
const ENTRY_SKIP = new Set(['startedDateTime', '_apiLens']);
const ANNOTATION_SKIP = new Set(['v', 'profile', 'status', 'retry', 'rate', 'format', 'redacted']);

/** Erases registered secrets in `value`; `root` labels the paths noted (`''` for an entry). */
export function eraseIn<T>(s: Scan, value: T, root: string, skip: ReadonlySet<string>): T {
  return walk(value, root, {
    member(name, v, at) {
      if (at.depth === 0 && skip.has(name)) return v;
      // A base64 body: its bytes are searched (an ASCII secret is the same bytes in UTF-8).
      const c = v as { text?: unknown; encoding?: unknown } | null;
      if (
        (name === 'content' || name === 'postData') &&
        c &&
        typeof c === 'object' &&
        c.encoding === 'base64' &&
        typeof c.text === 'string'
      ) {
        const bin = decodeBase64Binary(c.text);
        if (bin === undefined) return undefined;
        const erased = s.values.erase(bin);
        if (erased === bin) return undefined;
        s.note(`${at.label().replace(/^\./, '')}.text#secret-value`);
        return { ...c, text: btoa(erased) };
      }
      return undefined;
    },
    key(name, at) {
      const out = s.values.erase(name);
      if (out !== name) s.note(`${at.label().replace(/^\./, '')}#secret-value`);
      return out;
    },
    string(v, at) {
      const out = s.values.erase(v);
      if (out !== v) s.note(`${at.label().replace(/^\./, '')}#secret-value`);
      return out;
    },
  });
}

export const eraseEntry = <T>(s: Scan, entry: T) => eraseIn(s, entry, '', ENTRY_SKIP);
export const eraseAnnotation = <T>(s: Scan, a: T) => eraseIn(s, a, '_apiLens', ANNOTATION_SKIP);
