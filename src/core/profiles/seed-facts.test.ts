import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from './index.ts';
import type { Profile } from './schema.ts';

/**
 * Every sentence of every seed document must be found, word for word, in its built-in profile.
 * Sentences are compared on letters and digits only, so the seeds' scraped layout ("200 OKThe
 * request…", bullets, colons) does not matter, but a dropped or paraphrased fact fails.
 */

const SEEDS: Record<string, string[]> = {
  aurora: ['aurora-api-errors.txt'],
  'neo4j-aura': ['aura-api-v1-overview.txt', 'aura-api-v1beta3-overview.txt'],
  'hal-problem': ['hal-problem-api-status-codes.txt'],
  evrythng: ['evrythng-legacy-verbs-and-errors.txt'],
};

/** Headings, table headers and page chrome: layout, not facts. */
const LAYOUT = new Set(
  [
    'API Reference',
    'Here is a more detailed summary of some of the codes:',
    'Error Message Formats',
    'Overview',
    'API URL',
    'Versioning',
    'Retries',
    'Request tracing and troubleshooting',
    'Was this page helpful?',
    'HTTP Verbs',
    'Success Codes',
    'Error Codes',
    'Error Messages',
    'Error CodeDescription',
    'Successful requests',
    'Failed requests',
    'Status codeDescription',
    'PropertyTypeDescription',
    'Notes:',
    '4xx status codes',
    '5xx status codes',
    'Validation errors',
    'Authorization errors',
  ].map((l) => key(l)),
);

function key(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The seed's sentences. Lines broken mid-sentence (a scraping artefact: "such as GET" / ".")
 * are joined again first; a lower-case line after a layout line is a table row, not a continuation.
 */
function seedSentences(file: string): string[] {
  const text = readFileSync(new URL(`../../../fixtures/seeds/${file}`, import.meta.url), 'utf8');
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const prev = lines.at(-1);
    if (!key(line) || LAYOUT.has(key(line))) {
      lines.push('');
      continue;
    }
    if (prev && /^[a-z.,]/.test(line) && !/[.:!?|]$/.test(prev))
      lines[lines.length - 1] = `${prev} ${line}`;
    else lines.push(line);
  }
  return lines.filter(Boolean).flatMap((l) => l.split(/(?<=[.!?])\s+(?=[A-Z•])/));
}

/** Every string the profile holds, plus its status and error-code rows as the seeds lay them out. */
function haystack(p: Profile): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(p);
  for (const [code, s] of Object.entries(p.statuses))
    out.push(`${code} ${s.text ?? ''} ${s.meaning}`);
  for (const [code, meaning] of Object.entries(p.errorCodes)) out.push(`${code} ${meaning}`);
  return out.map(key).join('|');
}

describe('every sentence of the seed documents is in its built-in profile, verbatim', () => {
  for (const [id, files] of Object.entries(SEEDS)) {
    const profile = BUILTIN_PROFILES.find((p) => p.id === id)!;
    const hay = haystack(profile);
    for (const file of files) {
      it(`${id} carries ${file}`, () => {
        const sentences = seedSentences(file);
        expect(sentences.length).toBeGreaterThan(15);
        const missing = sentences.filter((l) => !hay.includes(key(l)));
        expect(missing).toEqual([]);
      });
    }
  }

  it('fails for a profile that paraphrases a fact', () => {
    const aurora = BUILTIN_PROFILES.find((p) => p.id === 'aurora')!;
    const edited: Profile = {
      ...aurora,
      statuses: { ...aurora.statuses, '409': { meaning: 'Conflict: try again later.' } },
    };
    const hay = haystack(edited);
    const missing = seedSentences('aurora-api-errors.txt').filter((l) => !hay.includes(key(l)));
    expect(missing).toEqual([
      '• 409 Conflict: The request was partially processed.',
      'The requested resource is currently in use, and could not be accessed.',
      'This usually occurs because an operation is in progress.',
      'Please wait a moment then try again.',
    ]);
  });
});
