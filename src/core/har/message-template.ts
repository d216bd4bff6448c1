import { isIdSegment } from './endpoint.ts';

/**
 * A message's template: the variable parts of an error message become placeholders, so
 * "Instance zz99 not found" and "Instance ab12 not found" are one group. Quoted values,
 * UUIDs, e-mail addresses, URLs, id-like tokens and numbers are replaced, in that order (a
 * quoted value may hold any of the others). Linear-time patterns only: messages are network text.
 */
const QUOTED = /"[^"\n]{0,200}"|'[^'\n]{0,200}'|`[^`\n]{0,200}`|“[^”\n]{0,200}”|‘[^’\n]{0,200}’/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const EMAIL = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/g;
const URL_RE = /\bhttps?:\/\/[^\s"'<>]{1,2000}/g;
const TOKEN = /[A-Za-z0-9_-]{2,}/g;
const NUMBER = /(?<![\w{])-?\d+(?:\.\d+)?(?![\w}])/g;
const MAX_CHARS = 2000;

export function messageTemplate(message: string): string {
  return message
    .slice(0, MAX_CHARS)
    .replace(QUOTED, '{value}')
    .replace(UUID, '{uuid}')
    .replace(URL_RE, '{url}')
    .replace(EMAIL, '{email}')
    .replace(TOKEN, (t) => (/\d/.test(t) && /[a-z]/i.test(t) && isIdSegment(t) ? '{id}' : t))
    .replace(NUMBER, '{n}');
}
