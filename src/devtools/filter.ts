/**
 * The request-list filter language. It speaks the Chrome Network panel's dialect (free text,
 * `/regex/`, `status-code:`, `method:`, `domain:`, a leading `-` to negate) so DevTools users
 * need nothing new, plus our own `profile:`, `verdict:` and `is:error`. Pure: no DOM.
 */

import { own } from '../core/own.ts';
import { compileUserRegex, USER_REGEX_SYNTAX, type UserRegex } from '../core/safe-regex.ts';

export type ClauseKind =
  | 'text'
  | 'regex'
  | 'status-code'
  | 'method'
  | 'domain'
  | 'profile'
  | 'verdict'
  | 'is';

export interface Clause {
  kind: ClauseKind;
  negate: boolean;
  /** Lower-cased value (text, method, domain…); the source for regex clauses. */
  value: string;
  test: (row: Filterable) => boolean;
}

export interface ParsedFilter {
  clauses: Clause[];
  /** Problems worth showing (bad regex, unknown `is:` value); the clause degrades to text. */
  errors: string[];
}

/** What a row exposes to the filter. */
export interface Filterable {
  url: string;
  host: string;
  method: string;
  status: number;
  profile: string;
  verdict: string;
  isError: boolean;
  /** Lower-cased text searched by free-text clauses (URL, message, request id…). */
  haystack: string;
}

const KEYS = new Set<ClauseKind>(['status-code', 'method', 'domain', 'profile', 'verdict', 'is']);
const IS_VALUES: Record<string, (r: Filterable) => boolean> = {
  error: (r) => r.isError,
  // Chrome's is:running has no meaning for finished entries; "ok" is its complement here.
  ok: (r) => !r.isError,
};

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

/** `*.example.com` style wildcards, as the Network panel's domain: filter accepts (linear time: `*a*a*a*` never backtracks). */
function wildcard(pattern: string): UserRegex {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*');
  const c = compileUserRegex(`^${body}$`, 'i');
  if (c.ok) return c.re;
  return { test: (host) => host === pattern };
}

function statusTest(value: string): ((r: Filterable) => boolean) | undefined {
  if (/^\d{3}$/.test(value)) {
    const code = Number(value);
    return (r) => r.status === code;
  }
  // A class like 4xx: not in Chrome's dialect but the obvious extension of it.
  const cls = /^([1-5])xx$/i.exec(value);
  if (cls) {
    const c = Number(cls[1]);
    return (r) => Math.floor(r.status / 100) === c;
  }
  return undefined;
}

function keyedClause(
  key: ClauseKind,
  raw: string,
  negate: boolean,
  errors: string[],
): Clause | undefined {
  const value = raw.toLowerCase();
  let test: ((r: Filterable) => boolean) | undefined;
  switch (key) {
    case 'status-code':
      test = statusTest(value);
      if (!test)
        errors.push(`status-code: expects a code like 404 or a class like 4xx, not "${raw}"`);
      break;
    case 'method':
      test = (r) => r.method.toLowerCase() === value;
      break;
    case 'domain': {
      const re = wildcard(value);
      test = (r) => re.test(r.host);
      break;
    }
    case 'profile':
      test = (r) => r.profile.toLowerCase() === value;
      break;
    case 'verdict':
      test = (r) => r.verdict === value;
      break;
    case 'is':
      test = own(IS_VALUES, value);
      if (!test) errors.push(`is: knows ${Object.keys(IS_VALUES).join(', ')}, not "${raw}"`);
      break;
    default:
      break;
  }
  return test ? { kind: key, negate, value, test } : undefined;
}

function regexClause(token: string, negate: boolean, errors: string[]): Clause | undefined {
  const m = /^\/(.+)\/([a-z]*)$/.exec(token);
  if (!m) return undefined;
  // Case-insensitive by default, like the Network panel; linear-time, so no pattern hangs the panel.
  const c = compileUserRegex(m[1]!, m[2]!.includes('i') ? m[2] : `${m[2]}i`);
  if (!c.ok) {
    errors.push(`invalid regular expression /${m[1]}/ (${USER_REGEX_SYNTAX}): ${c.error}`);
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
    const key = colon > 0 ? (token.slice(0, colon).toLowerCase() as ClauseKind) : undefined;
    const clause =
      (key && KEYS.has(key) && colon < token.length - 1
        ? keyedClause(key, token.slice(colon + 1), negate, errors)
        : regexClause(token, negate, errors)) ?? textClause(token, negate);
    clauses.push(clause);
  }
  return { clauses, errors };
}

/** Every clause must hold (negated ones must not). */
export function matches(filter: ParsedFilter, row: Filterable): boolean {
  for (const c of filter.clauses) if (c.test(row) === c.negate) return false;
  return true;
}
