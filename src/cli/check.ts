import type { Har } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import { type AnnotatedEntry, annotateHar } from '../core/har/annotate.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { CliError } from './io.ts';
import { escapeControls } from './terminal.ts';

/**
 * `apilens check`: a CI gate over a HAR. Each entry is annotated (secrets redacted) and tested
 * for the conditions asked for; a finding is one line, `METHOD redacted-URL STATUS condition:
 * detail`. Exit 3 when anything is found, 0 when nothing is.
 */

export const CONDITIONS = ['error', 'unsafe', 'over-limit', 'undocumented', 'schema'] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface Finding {
  /** Index into `log.entries`. */
  index: number;
  condition: Condition;
  method: string;
  /** The request URL with its secrets redacted. */
  url: string;
  /** 0 when there was no response. */
  status: number;
  detail: string;
}

export function parseFailOn(list: string | undefined): Condition[] {
  if (list === undefined)
    throw new CliError(
      `check: --fail-on is required (a comma-separated subset of ${CONDITIONS.join(',')})`,
      2,
    );
  const out: Condition[] = [];
  for (const raw of list.split(',')) {
    const c = raw.trim();
    if (!c) continue;
    if (!(CONDITIONS as readonly string[]).includes(c))
      throw new CliError(
        `check: unknown condition "${c}" in --fail-on (known: ${CONDITIONS.join(', ')})`,
        2,
      );
    if (!out.includes(c as Condition)) out.push(c as Condition);
  }
  if (!out.length)
    throw new CliError(`check: --fail-on lists no condition (known: ${CONDITIONS.join(', ')})`, 2);
  return out;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The finding's detail for `condition`, or undefined when the entry does not meet it. */
function detailFor(condition: Condition, a: EntryAnnotation): string | undefined {
  const status = a.status.code;
  switch (condition) {
    case 'error':
      if (status > 0 && status < 400) return undefined;
      return oneLine(
        a.error?.messages[0] ?? (status === 0 ? 'no response' : `${status} ${a.status.text}`),
      );
    case 'unsafe':
      return a.retry.verdict === 'unsafe' ? oneLine(a.retry.reason) : undefined;
    case 'over-limit':
      return a.rate?.over
        ? `${a.rate.count} requests in ${a.rate.windowSeconds}s, over the limit of ${a.rate.limit} (${a.rate.key})`
        : undefined;
    case 'undocumented':
      if (!a.operation || a.status.documented !== false) return undefined;
      return `${status} is not documented for ${a.operation.id ?? `${a.operation.method} ${a.operation.path}`} (${a.operation.spec})`;
    case 'schema': {
      if (a.schema?.valid !== false) return undefined;
      const errors = a.schema.errors ?? [];
      const first = errors[0];
      const more = errors.length > 1 ? ` (+${errors.length - 1} more)` : '';
      const where = a.operation
        ? ` in ${a.operation.id ?? `${a.operation.method} ${a.operation.path}`}`
        : '';
      return first
        ? `body does not match the documented schema${where}: ${first.path || '/'} ${oneLine(first.message)}${more}`
        : `body does not match the documented schema${where}`;
    }
  }
}

export function findings(
  har: Har,
  conditions: readonly Condition[],
  userProfiles: Profile[],
): Finding[] {
  const out = annotateHar(har, {
    redact: true,
    // The profiles' own key names (OpenAPI apiKey schemes included) are secrets: redaction
    // reads them from the profiles (profiles/schema.ts profileSecretNames).
    userProfiles,
  });
  return out.log.entries.flatMap((e, index) =>
    entryFindings(e as AnnotatedEntry, index, conditions),
  );
}

/** The findings of one annotated entry (the CLI streams entries through this). */
export function entryFindings(
  e: AnnotatedEntry,
  index: number,
  conditions: readonly Condition[],
): Finding[] {
  const list: Finding[] = [];
  const a = e._apiLens;
  for (const condition of conditions) {
    const detail = detailFor(condition, a);
    if (detail === undefined) continue;
    list.push({
      index,
      condition,
      method: (e.request.method || 'GET').toUpperCase(),
      url: e.request.url,
      status: a.status.code,
      detail,
    });
  }
  return list;
}

export function formatText(f: Finding): string {
  // Network text never breaks a line of ours nor reaches the terminal as controls.
  return escapeControls(`${f.method} ${f.url} ${f.status} ${f.condition}: ${f.detail}`);
}

/** GitHub Actions workflow command escaping: data %, CR, LF; properties also ":" and ",". */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(f: Finding): string {
  return `::error title=${ghProperty(`apilens check: ${f.condition}`)}::${ghData(formatText(f))}`;
}
