import type { Scan } from './context.ts';

/**
 * Secret elements and attributes of XML and HTML text: `<Password>…</Password>`,
 * `<wsse:Password>` (WS-Security), `<input name="csrf_token" value="…">`. Names follow the
 * member rules (names.ts).
 */
const ELEMENT = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(\s[^<>]*)?>([^<]+)<\/\1?\2\s*>/g;
const INPUT = /<input\b[^<>]*>/gi;
const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i');

export function redactMarkup(s: Scan, text: string, path: string): string {
  if (!text.includes('<') || !s.hint.test(text)) return text;
  let out = text.replace(ELEMENT, (m, _prefix, name: string, _attrs, value: string) => {
    const verdict = s.name('member', name);
    if (!verdict.secret || value.trim() === '') return m;
    const mark = s.secret(value.trim(), verdict.keyLike);
    s.note(`${path}<${name}>`);
    return value.trim() === mark ? m : m.replace(`>${value}<`, `>${mark}<`);
  });
  out = out.replace(INPUT, (tag) => {
    const name = ATTR('name').exec(tag);
    const value = ATTR('value').exec(tag);
    const n = name?.[2] ?? name?.[3];
    const v = value?.[2] ?? value?.[3];
    if (!n || !v || !s.field(n).secret) return tag;
    const mark = s.secret(v, false);
    s.note(`${path}<input ${n}>`);
    return tag.replace(value![0], `value="${mark}"`);
  });
  return out;
}
