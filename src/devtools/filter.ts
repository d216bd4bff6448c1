import { compileUserRegex, USER_REGEX_SYNTAX } from '../core/safe-regex.ts';
import { type Filterable, filterKey, type RowTest } from './filter-keys.ts';

/**
 * The request-list filter language. It speaks the Chrome Network panel's dialect (free text,
 * `/regex/flags`, `key:value` clauses, a leading `-` to negate) so DevTools users need nothing
 * new. The keys are data: see filter-keys.ts. Pure: no DOM.
 */

export type { Filterable } from './filter-keys.ts';

export interface Clause {
  /** `text`, `regex`, or the key (`status-code`, `mime-type`…). */
  kind: string;
  negate: boolean;
  /** Lower-cased value (text, method, domain…); the source for regex clauses. */
  value: string;
  test: RowTest;
}

export interface ParsedFilter {
  clauses: Clause[];
  /** Problems worth showing (bad regex, bad value); the clause degrades to text. */
  errors: string[];
}

/** Splits on whitespace, keeping "double quoted" runs together (quotes removed). */
export function tokenize(input: string): string[] {
  const out: string[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    out.push(m[3] !== undefined ? m[3] : `${m[1]}${m[2]}`);
  }
  return out.filter((t) => t !== '' && t !== '-');
}

function textClause(value: string, negate: boolean): Clause {
  const v = value.toLowerCase();
  return { kind: 'text', negate, value: v, test: (r) => r.haystack.includes(v) };
}

function regexClause(token: string, negate: boolean, errors: string[]): Clause | undefined {
  const m = /^\/(.+)\/([a-z]*)$/.exec(token);
  if (!m) return undefined;
  // Case-insensitive by default, like the Network panel. Linear-time (RE2), so no pattern hangs
  // the panel; `g` and `y` are ignored, so RegExp's lastIndex cannot make every other row miss.
  const c = compileUserRegex(m[1]!, m[2]!.includes('i') ? m[2] : `${m[2]}i`);
  if (!c.ok) {
    errors.push(`invalid regular expression /${m[1]}/${m[2]} (${USER_REGEX_SYNTAX}): ${c.error}`);
    return undefined;
  }
  const re = c.re;
  return {
    kind: 'regex',
    negate,
    value: m[1]!,
    test: (r) => re.test(r.url) || re.test(r.haystack),
  };
}

export function parseFilter(input: string): ParsedFilter {
  const errors: string[] = [];
  const clauses: Clause[] = [];
  for (const raw of tokenize(input)) {
    const negate = raw.startsWith('-') && raw.length > 1;
    const token = negate ? raw.slice(1) : raw;
    const colon = token.indexOf(':');
    const def =
      colon > 0 && colon < token.length - 1 ? filterKey(token.slice(0, colon)) : undefined;
    let clause: Clause | undefined;
    if (def) {
      const rawValue = token.slice(colon + 1);
      const value = rawValue.toLowerCase();
      const test = def.parse(value, rawValue);
      if (typeof test === 'string') errors.push(test);
      else clause = { kind: def.key, negate, value, test };
    } else {
      clause = regexClause(token, negate, errors);
    }
    clauses.push(clause ?? textClause(token, negate));
  }
  return { clauses, errors };
}

/** Every clause must hold (negated ones must not). */
export function matches(filter: ParsedFilter, row: Filterable): boolean {
  for (const c of filter.clauses) if (c.test(row) === c.negate) return false;
  return true;
}
