import type { Scan } from './context.ts';
import { REDACTED } from './secrets.ts';

/**
 * Secret members of JSON text, found by scanning rather than parsing: one linear pass that
 * needs no valid JSON, so a body with a BOM, an XSSI prefix (`)]}'`), trailing commas, 6,000
 * levels of nesting or 50 MB redacts the same, and everything but the secret keeps its bytes.
 * A member whose name is secret has its value replaced: a string or number by the mark, an
 * object or array whole (every string inside is registered first). JSON encoded inside a JSON
 * string (`"payload":"{\"apiKey\":…}"`) is scanned too, a few levels deep.
 */

const MAX_NESTED_ENCODING = 3;
const WS = new Set([' ', '\t', '\n', '\r']);

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text[i]!)) i++;
  return i;
}

/** Index of the closing quote of the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let bs = 0;
    for (let j = q - 1; j > start && text[j] === '\\'; j--) bs++;
    if (bs % 2 === 0) return q;
    i = q + 1;
  }
}

function unescapeJson(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** End (exclusive) of the object or array opening at `start`; its strings reported to `onString`. */
function compositeEnd(text: string, start: number, onString: (raw: string) => void): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const e = stringEnd(text, i);
      if (e < 0) return text.length;
      // Member names are not secrets; their values are.
      if (text[skipWs(text, e + 1)] !== ':') onString(text.slice(i + 1, e));
      i = e;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** `text` with its secret members replaced (the same string when none). */
export function redactJsonText(s: Scan, text: string, path: string, level = 0): string {
  if (!s.hint.test(text)) return text;
  const out: string[] = [];
  let from = 0;
  let i = text.indexOf('"');
  let esc = text.indexOf('\\"');
  while (i >= 0) {
    const end = stringEnd(text, i);
    if (end < 0) break;
    const after = skipWs(text, end + 1);
    if (text[after] !== ':') {
      // A string value: JSON encoded inside it may hold members of its own.
      if (esc >= 0 && esc < i) esc = text.indexOf('\\"', i);
      if (level < MAX_NESTED_ENCODING && esc >= 0 && esc < end) {
        const raw = text.slice(i + 1, end);
        const inner = unescapeJson(raw);
        if (inner !== raw) {
          const redacted = redactJsonText(s, inner, path, level + 1);
          if (redacted !== inner) {
            out.push(text.slice(from, i + 1), JSON.stringify(redacted).slice(1, -1));
            from = end;
          }
        }
      }
      i = text.indexOf('"', end + 1);
      continue;
    }
    const name = unescapeJson(text.slice(i + 1, end));
    const verdict = s.name('member', name);
    const v = skipWs(text, after + 1);
    if (!verdict.secret || v >= text.length) {
      i = text.indexOf('"', after + 1);
      continue;
    }
    const ch = text[v]!;
    let valueEnd: number;
    let replacement: string | undefined;
    if (ch === '"') {
      valueEnd = stringEnd(text, v);
      if (valueEnd < 0) break;
      const raw = text.slice(v + 1, valueEnd);
      const value = unescapeJson(raw);
      if (value !== '') {
        const mark = s.secret(value, verdict.keyLike);
        if (raw !== value) s.secret(raw, verdict.keyLike);
        s.note(`${path}$.${name}`);
        if (value !== mark) replacement = JSON.stringify(mark);
      }
      valueEnd++;
    } else if (ch === '{' || ch === '[') {
      valueEnd = compositeEnd(text, v, (raw) => s.secret(unescapeJson(raw), false));
      if (/[^\s{}[\]]/.test(text.slice(v, valueEnd))) {
        s.note(`${path}$.${name}`);
        replacement = JSON.stringify(REDACTED);
      }
    } else {
      valueEnd = v;
      while (valueEnd < text.length && !/[\s,}\]]/.test(text[valueEnd]!)) valueEnd++;
      const literal = text.slice(v, valueEnd);
      // Numbers are secrets (PINs, OTPs); true, false and null say nothing.
      if (/^-?\d/.test(literal)) {
        s.secret(literal, false);
        s.note(`${path}$.${name}`);
        replacement = JSON.stringify(REDACTED);
      }
    }
    if (replacement !== undefined) {
      out.push(text.slice(from, v), replacement);
      from = valueEnd;
    }
    i = text.indexOf('"', valueEnd);
  }
  if (from === 0) return text;
  out.push(text.slice(from));
  return out.join('');
}
