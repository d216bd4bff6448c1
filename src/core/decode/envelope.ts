import { boundedEntries, boundedItems } from './util.ts';

/**
 * Envelopes that hold two strings at once: a short one that names the error — a code
 * (`"error": "RecordNotFound"`) or a title (`"error": "Bad Request"`) — and one or more human
 * sentences (`"message": "Name must not be empty"`). The sentences are the messages; the short
 * string is the code or title. Decided by the shape of the values, never by their words.
 */

/** Member names whose string is always prose (lower-cased). */
export const PROSE_KEYS: ReadonlySet<string> = new Set([
  'message',
  'messages',
  'error_description',
  'errormessage',
  'error_message',
  'detail',
  'details',
  'description',
  'msg',
]);

// Words that stay lower-case in a Title Case phrase ("Method not Allowed" is rare, "Not Found" is not).
const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
]);
const SENTENCE_END = /[.!?…。]$/u;

/**
 * A human sentence rather than a code or a title: several words that end like a sentence, or
 * that read as one (not every word capitalised, as titles are), or simply many words.
 */
export function isSentence(text: string): boolean {
  const t = text.trim();
  const words = t.split(/\s+/);
  if (words.length < 2) return false;
  if (SENTENCE_END.test(t) || words.length >= 6) return true;
  const title = words.every((w, i) => /^\P{Ll}/u.test(w) || (i > 0 && MINOR_WORDS.has(w)));
  return !title && words.length >= 3;
}

/**
 * Reorders what one envelope contributed: `positions` index its message candidates in
 * `messages`. When some are sentences and some are not, the sentences stay (in document order)
 * and the others leave: the first becomes the code when none is known yet, the rest follow the
 * sentences, so nothing is lost. Returns the code taken, if any.
 */
export function sentencesFirst(
  messages: unknown[],
  positions: readonly number[],
  hasCode: boolean,
): string | undefined {
  const isShort = (i: number) => typeof messages[i] === 'string' && !isSentence(messages[i]);
  const shorts = positions.filter(isShort);
  if (shorts.length === 0 || shorts.length === positions.length) return undefined;
  const moved = shorts.map((i) => messages[i] as string);
  for (let k = shorts.length - 1; k >= 0; k--) messages.splice(shorts[k]!, 1);
  const code = hasCode ? undefined : moved.shift()!.trim();
  messages.push(...moved);
  return code;
}

/** Members that hold a code when the value is code-like, a title otherwise (lower-cased). */
const LABEL_KEYS = ['error', 'title', 'reason'] as const;

/** Whether `obj` has a prose or title member holding a string or strings (a message the caller should read). */
export function hasProse(obj: Record<string, unknown>, except: readonly string[] = []): boolean {
  // Bounded like every walk over network JSON (MAX_FIELDS members).
  return boundedEntries(obj).some(([k, v]) => {
    const key = k.toLowerCase();
    if (except.includes(key) || !(PROSE_KEYS.has(key) || LABEL_KEYS.includes(key as never)))
      return false;
    return typeof v === 'string' || (Array.isArray(v) && typeof v[0] === 'string');
  });
}

/**
 * An envelope's own label beside a decoded `errors` list: a sentence joins the messages (first),
 * a short string is the code when none is known, else it follows the messages.
 */
export function addLabel(
  obj: Record<string, unknown>,
  found: { messages: unknown[]; code?: unknown },
): void {
  for (const [k, v] of boundedEntries(obj)) {
    if (typeof v !== 'string' || !LABEL_KEYS.includes(k.toLowerCase() as never)) continue;
    if (isSentence(v)) found.messages.unshift(v);
    else if (found.code === undefined) found.code = v.trim();
    else found.messages.push(v);
    return;
  }
}

/** The strings (and lists of strings) under prose members of `obj`, in document order. */
export function proseIn(obj: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [k, v] of boundedEntries(obj)) {
    if (!PROSE_KEYS.has(k.toLowerCase())) continue;
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v))
      for (const item of boundedItems(v, 20)) if (typeof item === 'string') out.push(item);
  }
  return out;
}
