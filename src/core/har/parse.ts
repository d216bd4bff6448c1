import type { Har, Log } from 'har-format';
import { z } from 'zod';

/**
 * HAR 1.2 import (http://www.softwareishard.com/blog/har-12-spec/): validates what API Lens
 * reads and keeps everything else untouched (custom `_fields` from other tools must survive,
 * HAR 1.2 "Custom fields"). Errors name the exact place: `log.entries[3].response.status`.
 */

const NameValue = z.looseObject({ name: z.string(), value: z.string() });
const Request = z.looseObject({
  method: z.string().min(1),
  url: z.string().min(1),
  httpVersion: z.string().default(''),
  headers: z.array(NameValue),
  queryString: z.array(NameValue).default([]),
  cookies: z.array(z.looseObject({})).default([]),
  headersSize: z.number().default(-1),
  bodySize: z.number().default(-1),
  postData: z
    .looseObject({ mimeType: z.string().default(''), text: z.string().optional() })
    .optional(),
});
const Response = z.looseObject({
  status: z.number().int(),
  statusText: z.string().default(''),
  httpVersion: z.string().default(''),
  headers: z.array(NameValue),
  cookies: z.array(z.looseObject({})).default([]),
  content: z.looseObject({
    size: z.number().default(-1),
    mimeType: z.string().default(''),
    text: z.string().optional(),
    encoding: z.string().optional(),
  }),
  redirectURL: z.string().default(''),
  headersSize: z.number().default(-1),
  bodySize: z.number().default(-1),
});
const Entry = z.looseObject({
  startedDateTime: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time'),
  time: z.number().default(0),
  request: Request,
  response: Response,
  cache: z.looseObject({}).default({}),
  timings: z.looseObject({}).default({ send: 0, wait: 0, receive: 0 }),
});
const HarSchema = z.object({
  log: z.looseObject({
    version: z.string().default('1.2'),
    creator: z
      .looseObject({ name: z.string(), version: z.string() })
      .default({ name: 'unknown', version: '' }),
    entries: z.array(Entry),
  }),
});

export interface ParseOptions {
  /** Refuse inputs larger than this many characters (default 1 GiB, about V8's string limit). */
  maxChars?: number;
}

export type ParseResult = { ok: true; har: Har } | { ok: false; error: string };

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );
}

/** Validates an already-parsed value as a HAR document. */
export function validateHar(value: unknown): ParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: 'not a HAR file: expected a JSON object with a "log" member' };
  }
  if (!('log' in value))
    return { ok: false, error: 'not a HAR file: the top-level "log" member is missing' };
  const result = HarSchema.safeParse(value);
  if (result.success) return { ok: true, har: result.data as unknown as Har };
  const issue = result.error.issues[0]!;
  const more =
    result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
  return {
    ok: false,
    error: `invalid HAR at ${pathOf(issue.path) || 'top level'}: ${issue.message}${more}`,
  };
}

/** Parses HAR text. Never throws; the error says what is wrong and where. */
/** The parser quotes the offending text: binary input must not reach a terminal as control codes. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, '·');
}

export function parseHar(text: string, opts: ParseOptions = {}): ParseResult {
  const max = opts.maxChars ?? 1024 * 1024 * 1024;
  if (text.length > max)
    return {
      ok: false,
      error: `HAR is too large (${text.length} characters; the limit is ${max})`,
    };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // UTF-8 BOM from some exporters
  if (body.trim() === '') return { ok: false, error: 'not a HAR file: the input is empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return {
      ok: false,
      error: `not a HAR file: invalid JSON (${printable((e as Error).message)})`,
    };
  }
  return validateHar(value);
}

export type { Har, Log };
