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

/**
 * The secret values found in a log, and one combined matcher that erases all of them (and loose
 * JWT signatures) in a single scan of a string. A value is also searched for in the forms it
 * takes elsewhere: percent-encoded (a URL), form-encoded, JSON-escaped (a body).
 */
export class SecretValues {
  private readonly replacement = new Map<string, string>();
  private matcher: RegExp | undefined;
  private dirty = true;

  get size(): number {
    return this.replacement.size;
  }

  /**
   * Registers a secret and returns what replaces it: a fingerprint mark for keys and tokens,
   * `[REDACTED]` for the rest. A value that is already a mark (re-redacting an export) stays.
   */
  add(value: string, keyLike: boolean): string {
    const mark = keyLike ? redactionMark(value) : REDACTED;
    if (value === mark || value.length < MIN_ERASE_CHARS || SHORT_NUMBER.test(value)) return mark;
    if (value.startsWith('[REDACTED')) return value;
    for (const form of forms(value)) {
      if (form.length >= MIN_ERASE_CHARS && !this.replacement.has(form)) {
        this.replacement.set(form, mark);
        this.dirty = true;
      }
    }
    return mark;
  }

  /** Every registered secret (and loose JWT signature) in `text` erased; `text` itself when none. */
  erase(text: string): string {
    if (text.length < 8) return text;
    const re = this.regex();
    re.lastIndex = 0;
    if (!re.test(text)) return text;
    re.lastIndex = 0;
    return text.replace(re, (m) => {
      const r = this.replacement.get(m);
      if (r !== undefined) return r;
      // A loose JWT: keep header.payload, drop the signature.
      return `${m.slice(0, m.lastIndexOf('.'))}.${REDACTED}`;
    });
  }

  private regex(): RegExp {
    if (!this.dirty && this.matcher) return this.matcher;
    // Longest first, so a secret that contains another is erased whole.
    const literals = [...this.replacement.keys()].sort((a, b) => b.length - a.length);
    this.matcher = new RegExp([...literals.map(escapeRegExp), JWT_SOURCE].join('|'), 'g');
    this.dirty = false;
    return this.matcher;
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
