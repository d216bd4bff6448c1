import { RE2JS } from 're2js';

/**
 * Regular expressions that users write (a profile's `pathPattern`, the panel's `/regex/` filter)
 * run against network data. A backtracking engine (V8's RegExp) takes exponential time on
 * `^/(a+)+$` against `/aaaa…!`, so these run on RE2JS, a pure-JavaScript port of RE2: matching
 * is linear in the input, whatever the pattern, and it needs no eval (it runs under the
 * extension's CSP). RE2 refuses what cannot be matched in linear time — backreferences and
 * lookaround — and those patterns are rejected with RE2's reason.
 */
export interface UserRegex {
  /** Whether the pattern matches anywhere in `text` (like RegExp#test). */
  test(text: string): boolean;
}

/** How callers introduce `error`: what is accepted, so a refused lookahead is not a mystery. */
export const USER_REGEX_SYNTAX =
  'RE2 syntax, matched in linear time: no backreferences or lookaround';

export type CompiledRegex = { ok: true; re: UserRegex } | { ok: false; error: string };

// JavaScript flag letters RE2 has an equivalent for; `g` and `y` only move lastIndex, `u` and
// `v` are RE2's default (it matches code points), `d` asks for indices nobody reads here.
const FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};
const IGNORED_FLAGS = 'gyuvd';

/** Compiles `pattern` (JavaScript-like syntax, RE2 semantics) with JavaScript-style `flags`. */
export function compileUserRegex(pattern: string, flags = ''): CompiledRegex {
  let bits = 0;
  for (const f of flags) {
    if (Object.hasOwn(FLAGS, f)) bits |= FLAGS[f]!;
    else if (!IGNORED_FLAGS.includes(f)) return { ok: false, error: `unknown flag "${f}"` };
  }
  try {
    const re = RE2JS.compile(pattern, bits);
    return { ok: true, re: { test: (text) => re.test(text) } };
  } catch (e) {
    return { ok: false, error: (e as Error).message.replace(/^error parsing regexp: /, '') };
  }
}
