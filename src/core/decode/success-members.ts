/**
 * Whether a 2xx JSON object body may hold a member a success decoder reads, told without parsing
 * it. The success decoders (hal, ok-false, cloudflare-envelope, graphql) look only at top-level
 * members: `_links` or `_embedded` holding an object, `ok` or `success` holding false, `errors`
 * holding an array. Parsing every large success body only to find none of them was most of
 * annotate's time, so the decoder parses a 2xx body only when this says yes.
 *
 * Conservative: a yes only costs the parse. A key written with a `\u` escape (which could spell
 * one of these names) says yes; so does anything it cannot place. JSON whitespace is narrower
 * than `\s`, so the pattern finds every candidate the grammar allows, and some more.
 */
const CANDIDATE = /"(?:_links|_embedded)"\s*:\s*\{|"(?:ok|success)"\s*:\s*false|"errors"\s*:\s*\[/g;

// What the value of each name must start with for its decoder to look further.
const WANTED = new Map([
  ['_links', 0x7b], // {
  ['_embedded', 0x7b],
  ['ok', 0x66], // f(alse)
  ['success', 0x66],
  ['errors', 0x5b], // [
]);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** `text` is a body whose first significant character is `{`. */
export function maySucceedWithMembers(text: string): boolean {
  // A \u escape may spell a name: read the structure from the start.
  if (text.includes('\\u')) return topLevelCandidate(text, text.length);
  const top = text.indexOf('{');
  // Each candidate is placed by reading back to the bracket that holds it: a nested one (an
  // item's own `ok`) is a few characters from its object's start. Bounded: past the body's
  // length in all, the parse decides.
  let budget = text.length;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const at = opener(text, m.index, budget);
    if (at.index === top || at.index < 0) return true;
    budget -= at.read;
  }
  return false;
}

/**
 * Where the object or array holding text[from] opens, reading backwards (`from` is outside any
 * string, so each quote met closes a string); index -1 when it cannot tell or `budget` runs out.
 */
function opener(text: string, from: number, budget: number): { index: number; read: number } {
  let depth = 0;
  for (let i = from - 1; i >= 0; i--) {
    if (from - i > budget) break;
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringStart(text, i);
      if (i < 0) break;
    } else if (c === 0x7d || c === 0x5d) depth++;
    else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) return { index: i, read: from - i };
      depth--;
    }
  }
  return { index: -1, read: from };
}

/** The opening quote of the string whose closing quote is at `close`; -1 if none. */
function stringStart(text: string, close: number): number {
  let j = close;
  while (j > 0) {
    j = text.lastIndexOf('"', j - 1);
    if (j < 0) return -1;
    let slashes = 0;
    while (j - slashes - 1 >= 0 && text.charCodeAt(j - slashes - 1) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return j;
  }
  return -1;
}

/** Scans the object's structure up to `end` for a top-level key of interest. */
function topLevelCandidate(text: string, end: number): boolean {
  let depth = 0;
  let keyNext = false; // the next string at depth 1 is a member name
  let i = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = stringEnd(text, i + 1);
      if (close < 0) return true; // unterminated: let the parse decide
      if (keyNext && depth === 1 && keyOfInterest(text, i + 1, close)) return true;
      keyNext = false;
      i = close + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      depth++;
      keyNext = depth === 1 && c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c) keyNext = depth === 1;
    i++;
  }
  return false;
}

/** The index of the quote that closes the string whose content starts at `from`; -1 if none. */
function stringEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    const q = text.indexOf('"', at);
    if (q < 0) return -1;
    let slashes = 0;
    while (q - slashes - 1 >= from && text.charCodeAt(q - slashes - 1) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
    at = q + 1;
  }
}

/** The key text[from, close) is a name of interest and its value starts as its decoder needs. */
function keyOfInterest(text: string, from: number, close: number): boolean {
  const len = close - from;
  // "_embedded" is 9 characters; written wholly as \u escapes, 54.
  if (len > 54) return false;
  const name = text.slice(from, close);
  if (name.includes('\\')) return true; // an escaped name may spell one of them
  if (len > 9) return false;
  const want = WANTED.get(name);
  if (want === undefined) return false;
  let i = close + 1;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x3a) return true; // not a member name after all: let the parse decide
  i++;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === want;
}
