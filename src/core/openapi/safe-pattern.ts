import { isSafePattern } from 'redos-detector';

/**
 * A schema's `pattern` and `patternProperties` come from a stranger's document and are run by
 * the validator with V8's backtracking `RegExp` (JSON Schema 2020-12 §6.3.3 asks for ECMA-262
 * regexes) against network strings. Only patterns proven free of super-linear backtracking may
 * reach it: redos-detector (pure TypeScript, no eval) walks every pair of paths through the
 * pattern that could match the same text; a pattern it cannot prove safe within a fixed number
 * of steps counts as unsafe. Overlapping alternation under a star `^(a|a)*$`, polynomial chains
 * `^\d*\d*\d*$` and `(.*a){12}` are all caught, which the old nested-quantifier test missed.
 */

// redos-detector's own unit of work, deterministic (a timeout would not be under load).
// Real-world patterns (dates, UUIDs, slugs, e-mail-ish) are decided in far fewer steps.
const MAX_STEPS = 1000;
// Longer patterns are not analysed: the proof's cost grows with the pattern.
const MAX_LENGTH = 512;
// A document can hold thousands of patterns; each analysis is bounded, and so is their number.
const MAX_ANALYSED = 256;
// Patterns that exhaust MAX_STEPS are the costly ones; a document gets only a few.
const MAX_UNDECIDED = 16;
// A capture reused by number or name: matching with back-references is NP-hard.
const BACKREFERENCE = /\\(?:[1-9]|k<)/;
// A group holding a quantifier, itself quantified — (a+)+ — refused without analysis.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;
// Without any quantifier a pattern cannot loop, so it matches in linear time.
const QUANTIFIER = /[*+?{]/;

/** Decides, once per distinct pattern of one document, whether V8 may run it. */
export class PatternGuard {
  private readonly verdicts = new Map<string, string | undefined>();
  private analysed = 0;
  private undecided = 0;

  /** Why `pattern` must not reach the validator; undefined when it is proven safe. */
  unsafe(pattern: unknown): string | undefined {
    if (typeof pattern !== 'string') return 'not a string';
    if (this.verdicts.has(pattern)) return this.verdicts.get(pattern);
    const why = this.decide(pattern);
    this.verdicts.set(pattern, why);
    return why;
  }

  private decide(pattern: string): string | undefined {
    try {
      new RegExp(pattern, 'u');
    } catch {
      return 'not a valid regular expression';
    }
    if (BACKREFERENCE.test(pattern) || NESTED_QUANTIFIER.test(pattern))
      return 'could backtrack without bound (nested quantifier or back-reference)';
    if (!QUANTIFIER.test(pattern)) return undefined;
    if (pattern.length > MAX_LENGTH)
      return `longer than ${MAX_LENGTH} characters; not proven free of catastrophic backtracking`;
    if (this.analysed >= MAX_ANALYSED || this.undecided >= MAX_UNDECIDED)
      return 'the document has too many patterns to prove safe; this one was not analysed';
    this.analysed++;
    let r: ReturnType<typeof isSafePattern>;
    try {
      r = isSafePattern(pattern, { unicode: true, maxSteps: MAX_STEPS });
    } catch {
      return 'could not be analysed for catastrophic backtracking';
    }
    if (r.safe) return undefined;
    if (r.error === 'hitMaxScore')
      return 'could backtrack without bound (super-linear time on some inputs)';
    this.undecided++;
    return 'not proven free of catastrophic backtracking';
  }
}
