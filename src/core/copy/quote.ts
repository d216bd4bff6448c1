/**
 * Quoting for copied commands and code. Network text is data: every part of a copied command
 * is quoted, so `GET$HOME`, `` GET`id` `` or `DELETE$(…)` from a page or an imported HAR stays a
 * literal string and never runs.
 */

/**
 * A POSIX shell word in single quotes (POSIX.1-2017 XCU §2.2.2: nothing is special inside them;
 * a `'` is closed, escaped and reopened). NUL cannot occur in a shell argument (a C string), so
 * it is dropped.
 */
export function shellQuote(s: string): string {
  return `'${s.replace(/\0/g, '').replace(/'/g, `'\\''`)}'`;
}

/**
 * A JavaScript string literal. JSON.stringify escapes quotes, backslashes and control
 * characters; a double-quoted literal has no `${…}` interpolation, and U+2028/U+2029 are
 * escaped too so the literal is valid in any JS parser, old or new.
 */
export function jsString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
