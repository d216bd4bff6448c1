import { describeBinary, prepareBody } from './body.ts';
import type { JsonDecoder, TextBodyDecoder } from './decoder.ts';
import { awsJson } from './decoders/aws-json.ts';
import { cloudflareEnvelope } from './decoders/cloudflare-envelope.ts';
import { detailArray } from './decoders/detail-array.ts';
import { errorList } from './decoders/error-list.ts';
import { errorHash, errorString } from './decoders/error-member.ts';
import { errorObject } from './decoders/error-object.ts';
import { errorsArray } from './decoders/errors-array.ts';
import { errorsMap } from './decoders/errors-map.ts';
import { evrythng } from './decoders/evrythng.ts';
import { fieldMap } from './decoders/field-map.ts';
import { genericJson } from './decoders/generic-json.ts';
import { graphql } from './decoders/graphql.ts';
import { hal } from './decoders/hal.ts';
import { html } from './decoders/html.ts';
import { k8sStatus } from './decoders/k8s-status.ts';
import { okFalse } from './decoders/ok-false.ts';
import { paypal } from './decoders/paypal.ts';
import { plainText } from './decoders/plain-text.ts';
import { problemDetails } from './decoders/problem-details.ts';
import { problemXml } from './decoders/problem-xml.ts';
import { soapFault } from './decoders/soap-fault.ts';
import { xmlError } from './decoders/xml-error.ts';
import { extractMessagesFromHead, type JsonParse, parseJsonLeniently } from './lenient-json.ts';
import { maySucceedWithMembers } from './success-members.ts';
import type { BodyInput, DecodeContext, Decoded, DecodeOptions } from './types.ts';
import { decoded, isErrorStatus } from './util.ts';

export { MAX_MESSAGE_CHARS, MAX_MESSAGES } from './normalize.ts';
export type { BodyInput, DecodeContext, Decoded, DecodeOptions } from './types.ts';

/** DecodeOptions.maxChars default: 4 MiB of text. */
export const DEFAULT_MAX_CHARS = 4 * 1024 * 1024;

/**
 * JSON shapes, most specific first: a shape told apart by a media type or a discriminating member
 * (problem+json, `kind: Status`, `__type`, GraphQL `data`/`locations`, `success:false`, `ok:false`)
 * goes before the looser `error`/`errors` shapes, and the generic walk comes last.
 */
export const JSON_DECODERS: readonly JsonDecoder[] = [
  problemDetails,
  k8sStatus,
  awsJson,
  graphql,
  cloudflareEnvelope,
  okFalse,
  evrythng,
  paypal,
  errorHash,
  errorObject,
  errorString,
  detailArray,
  errorsArray,
  errorsMap,
  errorList,
  fieldMap,
  hal,
  genericJson,
];

/**
 * Non-JSON bodies: the XML dialects with a discriminating root or namespace, then HTML pages
 * (before generic XML: they also start with '<'), then any XML, then plain text (always matches).
 */
export const TEXT_DECODERS: readonly TextBodyDecoder[] = [
  problemXml,
  soapFault,
  html,
  xmlError,
  plainText,
];

const SUCCESS_DECODERS = JSON_DECODERS.filter((d) => d.onSuccess);

/** Decoder ids in the order they are tried (JSON first, then text), for the UI and tests. */
export const DECODERS: readonly string[] = [...JSON_DECODERS, ...TEXT_DECODERS].map((d) => d.id);

/** `type/subtype` without parameters, lower-cased (RFC 9110 §8.3.1: case-insensitive). */
export function mediaTypeOf(contentType: string | undefined): string {
  if (!contentType) return '';
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

function isJsonMediaType(mediaType: string): boolean {
  return (
    mediaType.endsWith('/json') ||
    mediaType.endsWith('+json') ||
    mediaType.startsWith('application/x-amz-json')
  );
}

/** The first character that is not JSON whitespace or a BOM ('' when there is none). */
function firstSignificant(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t' && ch !== '\uFEFF') return ch;
  }
  return '';
}

function runJson(
  decoders: readonly JsonDecoder[],
  value: unknown,
  ctx: DecodeContext,
): Decoded | null {
  for (const decoder of decoders) {
    try {
      const result = decoder.decode(value, ctx);
      if (result) return result;
    } catch {
      // A throwing decoder is a bug in that decoder, not a reason to lose the body: try the next.
    }
  }
  return null;
}

function runText(ctx: DecodeContext): Decoded {
  for (const decoder of TEXT_DECODERS) {
    try {
      const result = decoder.decode(ctx);
      if (result) return result;
    } catch {
      // as in runJson
    }
  }
  return decoded('text', ctx);
}

/**
 * Decodes a response body into messages, field errors and codes. The one entry point the engine
 * calls; never throws, whatever the body.
 */
export function decodeBody(input: BodyInput, options: DecodeOptions = {}): Decoded {
  const status = Number.isFinite(input.status) ? input.status : 0;
  try {
    return decodeUnguarded(input, status, options);
  } catch {
    // Unreachable unless a helper outside the decoders has a bug: still answer, never throw.
    return { format: 'undecodable', isError: isErrorStatus(status), messages: [] };
  }
}

function decodeUnguarded(input: BodyInput, status: number, options: DecodeOptions): Decoded {
  const raw = typeof input.text === 'string' ? input.text : '';
  const mediaType = mediaTypeOf(input.mimeType);
  const isError = isErrorStatus(status);
  if (firstSignificant(raw) === '') return { format: 'empty', isError, messages: [] };

  const maxChars =
    options.maxChars !== undefined && options.maxChars > 0 ? options.maxChars : DEFAULT_MAX_CHARS;
  const body = prepareBody(raw, input.encoding, mediaType, maxChars);
  if (body.binary) {
    return { format: 'binary', isError, messages: [describeBinary(body.binary, mediaType)] };
  }

  const ctx: DecodeContext = {
    status,
    mediaType,
    headers: input.headers ?? [],
    text: body.text,
    truncated: body.truncated,
    splitCommaSeparated: options.splitCommaSeparated === true,
  };
  const first = firstSignificant(body.text);
  if (first === '') return decoded('empty', ctx);

  if (!isError) {
    // 2xx fast path: every success decoder needs a whole JSON object; anything else is not parsed.
    if (first !== '{' || body.truncated)
      return decoded(first === '{' || first === '[' ? 'json' : 'text', ctx);
    // No top-level member a success decoder reads: JSON by its look, as above, and not parsed.
    if (!maySucceedWithMembers(body.text)) return decoded('json', ctx);
    const parsed = strictParse(body.text);
    if (!parsed.ok) return decoded('text', ctx);
    return withJson(
      runJson(SUCCESS_DECODERS, parsed.value, ctx) ?? decoded('json', ctx),
      parsed,
      ctx,
    );
  }

  const looksJson =
    first === '{' ||
    first === '[' ||
    first === '"' ||
    (isJsonMediaType(mediaType) && first !== '<');
  if (looksJson) {
    const parsed = body.truncated ? strictParse(body.text) : parseJsonLeniently(body.text);
    if (parsed.ok)
      return withJson(
        runJson(JSON_DECODERS, parsed.value, ctx) ?? decoded('json', ctx),
        parsed,
        ctx,
      );
    if (body.truncated && (first === '{' || first === '[')) {
      // The head of a cut JSON body cannot be parsed: its message-like members are the best we have.
      return decoded('json', ctx, { messages: extractMessagesFromHead(body.text) });
    }
  }
  return runText(ctx);
}

/** Keeps the parsed value for the schema check when it is the whole body, as written. */
function withJson(d: Decoded, parsed: JsonParse, ctx: DecodeContext): Decoded {
  if (parsed.ok && !parsed.repaired && !ctx.truncated)
    d.json = { value: parsed.value, chars: ctx.text.length };
  return d;
}

function strictParse(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
