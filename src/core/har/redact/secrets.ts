import { redactionMark } from '../../rate/fingerprint.ts';
import { escapeRegExp } from './names.ts';

/** What redaction leaves where a secret was (API keys and tokens keep a fingerprint instead). */
export const REDACTED = '[REDACTED]';

// A JWT: header.payload.signature, each base64url (RFC 7519 §3). The signature is what makes it
// a credential: a JWT found loose in text keeps its readable header and payload.
const JWT_SOURCE = String.raw`\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}`;

// Shorter values are erased where their name is, but not searched for elsewhere: "123456" or
// "bearer" would erase unrelated text all over the log.
const MIN_ERASE_CHARS = 6;
const SHORT_NUMBER = /^\d{1,9}$/;

const JWT = new RegExp(JWT_SOURCE, 'g');

/** One compiled search over a batch of secrets. */
interface Layer {
  size: number;
  literals: string[];
  re: RegExp;
}

function compile(literals: string[]): Layer {
  // Longest first, so a secret that contains another is erased whole.
  const sorted = [...literals].sort((a, b) => b.length - a.length);
  return {
    size: sorted.length,
    literals: sorted,
    re: new RegExp(sorted.map(escapeRegExp).join('|'), 'g'),
  };
}

/**
 * The secret values found in a log, and a combined matcher that erases all of them in one scan
 * of a string. A value is also searched for in the forms it takes elsewhere: percent-encoded (a
 * URL), form-encoded, JSON-escaped (a body). Secrets arrive entry by entry; recompiling one
 * pattern per arrival would cost O(n²) on a log with a fresh token per request, so new ones form
 * a small pattern that is merged into the bigger ones as they grow (at most log₂ n patterns).
 *
 * Invariant: what `erase` does depends only on the set of registered forms (and, for a form two
 * values share, on which was registered first), not on how they fell into layers: matches are
 * leftmost, then longest, across every layer, as one pattern of all of them would find them.
 */
export class SecretValues {
  private readonly replacement = new Map<string, string>();
  /** Each form's value (the first registered, as for its replacement). */
  private readonly owner = new Map<string, string>();
  private pending: string[] = [];
  private readonly layers: Layer[] = [];
  /** Patterns of two or more layers that matched the same string, until the layers change. */
  private unions = new Map<string, RegExp>();
  /** Each registered value and its place in the order of registration. */
  private readonly added = new Map<string, number>();
  /** Forms that two different values share (e.g. "a b" form-encoded is "a+b", itself a value). */
  private shared = 0;
  /** Hears each `add` of a value not registered before (LogRedaction.onRegister). */
  listener: ((value: string, keyLike: boolean) => void) | undefined;

  get size(): number {
    return this.replacement.size;
  }

  /** How many forms a later value shared with an earlier one (its replacement is the earlier's). */
  get sharedForms(): number {
    return this.shared;
  }

  /** A value's place in the order of registration; undefined when it was not registered. */
  indexOf(value: string): number | undefined {
    return this.added.get(value);
  }

  /**
   * Registers a secret and returns what replaces it: a fingerprint mark for keys and tokens,
   * `[REDACTED]` for the rest. A value that is already a mark (re-redacting an export) stays.
   */
  add(value: string, keyLike: boolean): string {
    const mark = keyLike ? redactionMark(value) : REDACTED;
    if (value === mark || value.length < MIN_ERASE_CHARS || SHORT_NUMBER.test(value)) return mark;
    if (value.startsWith('[REDACTED')) return value;
    // Registered already (every entry repeats its API key): its forms are in.
    if (this.added.has(value)) return mark;
    this.added.set(value, this.added.size);
    // Only what changes the set is heard: replaying it in order rebuilds the same set.
    this.listener?.(value, keyLike);
    for (const form of forms(value)) {
      if (form.length < MIN_ERASE_CHARS) continue;
      if (this.replacement.has(form)) {
        if (this.owner.get(form) !== value) this.shared++;
        continue;
      }
      this.replacement.set(form, mark);
      this.owner.set(form, value);
      this.pending.push(form);
    }
    return mark;
  }

  /** Every registered secret (and loose JWT signature) in `text` erased; `text` itself when none. */
  erase(text: string): string {
    if (text.length < 8) return text;
    const re = this.matcher(text);
    let out = text;
    if (re) {
      re.lastIndex = 0;
      out = out.replace(re, (m) => this.replacement.get(m) ?? m);
    }
    if (out.includes('eyJ'))
      // A loose JWT: keep header.payload, drop the signature.
      out = out.replace(JWT, (m) => `${m.slice(0, m.lastIndexOf('.'))}.${REDACTED}`);
    return out;
  }

  /** The values `erase` would erase from `text`, in the order it meets them (loose JWTs apart). */
  *valuesIn(text: string): Generator<string> {
    if (text.length < 8) return;
    const re = this.matcher(text);
    if (!re) return;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) yield this.owner.get(m[0])!;
  }

  /**
   * The pattern that finds `text`'s secrets leftmost-longest: the one layer that matches it, or
   * (rarely) one made of every layer that does. Undefined when none does.
   */
  private matcher(text: string): RegExp | undefined {
    this.flush();
    let first = -1;
    let hit: number[] | undefined;
    for (let i = 0; i < this.layers.length; i++) {
      const re = this.layers[i]!.re;
      re.lastIndex = 0;
      if (!re.test(text)) continue;
      if (first < 0) first = i;
      else {
        hit ??= [first];
        hit.push(i);
      }
    }
    if (first < 0) return undefined;
    if (!hit) return this.layers[first]!.re;
    const key = hit.join(',');
    let re = this.unions.get(key);
    if (!re) {
      re = compile(hit.flatMap((i) => this.layers[i]!.literals)).re;
      this.unions.set(key, re);
    }
    return re;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    let layer = compile(this.pending);
    this.pending = [];
    // Merge equal-sized patterns (a binary counter): each secret is compiled O(log n) times.
    while (this.layers.length && this.layers[this.layers.length - 1]!.size <= layer.size) {
      const prev = this.layers.pop()!;
      layer = compile([...prev.literals, ...layer.literals]);
    }
    this.layers.push(layer);
    this.unions = new Map();
  }
}

function forms(value: string): Set<string> {
  const out = new Set([value]);
  out.add(encodeURIComponent(value));
  out.add(encodeURIComponent(value).replace(/%20/g, '+'));
  out.add(JSON.stringify(value).slice(1, -1));
  out.add(JSON.stringify(value).slice(1, -1).replace(/\//g, '\\/'));
  return out;
}
