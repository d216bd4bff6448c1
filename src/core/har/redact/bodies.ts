import type { Scan } from './context.ts';
import { redactJsonText } from './json.ts';
import { redactMarkup } from './markup.ts';
import { redactMultipart } from './multipart.ts';
import { redactPairs } from './url.ts';

/**
 * Request and response bodies of every kind. The kind is taken from the media type and, when
 * that is missing or generic, from the text itself: JSON members are looked for in any text
 * that has quotes, form pairs in any text shaped like a form, elements in any markup.
 */

const URLENCODED = /^[\w.~%+*[\]-]+=[^\s&]*(?:&[\w.~%+*[\]-]+=[^\s&]*)*&?$/;
const PLAIN_FORM_LINE = /^[\w.[\]-]+=/;
// What may precede JSON: a BOM, an XSSI guard (`)]}'`, `while(1);`, `for(;;);`).
const JSON_PREFIX = /^\uFEFF?\s*(\)\]\}'?,?|while\s*\(1\);|for\s*\(;;\);)?\s*[[{]/;
const MAX_MULTIPART_DEPTH = 2;

export function redactBodyText(
  s: Scan,
  text: string,
  mimeType: string | undefined,
  path: string,
  depth = 0,
): string {
  if (text === '' || !s.hint.test(text)) return text;
  const mt = (mimeType ?? '').toLowerCase();
  let out = text;
  if ((mt.includes('multipart/') || /^--\S+\r?\n/.test(text)) && depth < MAX_MULTIPART_DEPTH) {
    out = redactMultipart(s, out, mimeType ?? '', path, (part, type, at) =>
      redactBodyText(s, part, type, at, depth + 1),
    );
  } else if (mt.includes('json') || JSON_PREFIX.test(text)) {
    // JSON: members only (below); a `"a=b"` inside it is not a form.
  } else if (mt.includes('x-www-form-urlencoded') || URLENCODED.test(out.trim())) {
    out = redactPairs(s, out, /&/g, path, { encoded: true, fingerprint: false, field: true });
  } else if ((mt === '' || mt.startsWith('text/plain')) && PLAIN_FORM_LINE.test(out.trimStart())) {
    // enctype="text/plain": one `name=value` per line, nothing encoded (HTML §4.10.21.8).
    out = redactPairs(s, out, /\r?\n/g, path, { encoded: false, fingerprint: false, field: true });
  }
  if (out.includes('"')) out = redactJsonText(s, out, path);
  if (out.includes('<')) out = redactMarkup(s, out, path);
  return out;
}

/** A base64 body as the text it encodes, or undefined when it is not UTF-8 text. */
export function decodeBase64Text(b64: string): string | undefined {
  const bin = decodeBase64Binary(b64);
  if (bin === undefined) return undefined;
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The bytes of a base64 body as a binary string (one char per byte), or undefined. */
export function decodeBase64Binary(b64: string): string | undefined {
  try {
    return atob(b64.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
}

export function encodeBase64Text(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  // In slices: spreading a whole body into fromCharCode would overflow the argument stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

// A body that is base64 through and through, with no media type to say what it is (a request
// body some clients send encoded, a HAR writer that forgot `encoding`): its text is looked into.
const BASE64 = /^[A-Za-z0-9+/]{16,}={0,2}$/;
function looksBase64(text: string, mimeType: string | undefined): boolean {
  const mt = (mimeType ?? '').toLowerCase();
  return (
    (mt === '' || mt.startsWith('text/plain') || mt.includes('octet-stream')) &&
    text.length % 4 === 0 &&
    BASE64.test(text)
  );
}

interface Content {
  text?: string;
  encoding?: string;
  mimeType?: string;
}

/**
 * A body as HAR holds it (`response.content`, `request.postData`): base64 bodies, with or
 * without a media type, are decoded when they are text, redacted, and encoded again.
 */
export function redactContent<C extends Content>(s: Scan, content: C, path: string): C {
  const { text, encoding, mimeType } = content;
  if (typeof text !== 'string' || text === '') return content;
  if (encoding !== 'base64' && !looksBase64(text, mimeType)) {
    const out = redactBodyText(s, text, mimeType, path);
    return out === text ? content : { ...content, text: out };
  }
  const decoded = decodeBase64Text(text);
  if (decoded === undefined) {
    if (encoding === 'base64') return content;
    const out = redactBodyText(s, text, mimeType, path);
    return out === text ? content : { ...content, text: out };
  }
  const out = redactBodyText(s, decoded, mimeType, path);
  return out === decoded ? content : { ...content, text: encodeBase64Text(out) };
}
