import type { JsonDecoder } from '../decoder.ts';
import {
  boundedItems,
  codeString,
  decoded,
  FieldErrors,
  httpUrl,
  isRecord,
  type Json,
  requestIdIn,
  str,
} from '../util.ts';

/**
 * RFC 9457 (obsoletes RFC 7807) problem details, served as application/problem+json or as
 * problem-shaped application/json (ASP.NET, Spring, Twilio do). Members of the wrong JSON type
 * are ignored (RFC 9457 §3.1).
 */

/** `type` values that add nothing beyond the status code: about:blank (§4.2.1) and links to an RFC's status-code section (ASP.NET's default types). */
export function isGenericProblemType(type: string): boolean {
  return (
    type === 'about:blank' ||
    /^https?:\/\/(tools\.ietf\.org\/html|www\.rfc-editor\.org\/rfc|datatracker\.ietf\.org\/doc\/html)\/rfc\d+/i.test(
      type,
    )
  );
}

/**
 * `instance` identifies the occurrence (§3.1.5). When it is not a path or URL (belgif's
 * `urn:uuid:…`, Mailchimp's bare id) it is an occurrence id to quote to support.
 */
export function instanceAsRequestId(instance: string | undefined): string | undefined {
  if (!instance) return undefined;
  if (/^urn:/i.test(instance)) return instance;
  return /[/\s]/.test(instance) ? undefined : instance;
}

/** At least two standard members of the right type, one of them prose: a problem served as plain JSON. */
function looksLikeProblem(v: Json): boolean {
  const prose = typeof v.title === 'string' || typeof v.detail === 'string';
  const count =
    Number(typeof v.type === 'string') +
    Number(typeof v.title === 'string') +
    Number(typeof v.detail === 'string') +
    Number(typeof v.status === 'number') +
    Number(typeof v.instance === 'string');
  return prose && count >= 2;
}

/**
 * Collections of per-occurrence problems: RFC 9457's `errors` example, RFC 7807's
 * `invalid-params`, belgif's `issues`, Zalando's `violations`.
 */
const ITEM_LISTS = ['errors', 'issues', 'invalid-params', 'invalid_params', 'violations'];

function addItems(list: unknown, messages: unknown[], fieldErrors: FieldErrors): void {
  for (const item of boundedItems(list)) {
    if (typeof item === 'string') {
      messages.push(item);
      continue;
    }
    if (!isRecord(item)) continue;
    // An item's `title` names its type (belgif, the HAL+Problem seed's "invalid_type"): prefer the occurrence text.
    const message = str(item.detail) ?? str(item.message) ?? str(item.reason) ?? str(item.title);
    const source = isRecord(item.source) ? item.source : {};
    const field =
      str(item.pointer) ??
      str(item.name) ??
      str(item.field) ??
      str(item.param) ??
      str(item.parameter) ??
      str(source.pointer) ??
      str(source.parameter);
    messages.push(message);
    if (field !== undefined) fieldErrors.add(field, message);
  }
}

export const problemDetails: JsonDecoder = {
  id: 'problem-details',
  decode(value, ctx) {
    if (!isRecord(value)) return null;
    if (!ctx.mediaType.endsWith('problem+json') && !looksLikeProblem(value)) return null;
    const messages: unknown[] = [value.title, value.detail];
    const fieldErrors = new FieldErrors();
    for (const key of ITEM_LISTS) {
      const list = value[key];
      // ASP.NET ValidationProblemDetails: `errors` is a map of field → messages.
      if (isRecord(list)) fieldErrors.addMap(list, messages);
      else addItems(list, messages, fieldErrors);
    }
    const type = str(value.type);
    const specificType = type && !isGenericProblemType(type) ? type : undefined;
    return decoded('problem-details', ctx, {
      messages,
      fieldErrors,
      // An extension `code` (Twilio) is more specific than the type URI it is derived from.
      code: codeString(value.code) ?? specificType,
      docs: httpUrl(value.href) ?? httpUrl(specificType),
      requestId: requestIdIn(value) ?? instanceAsRequestId(str(value.instance)),
      retryAfterSeconds: value.retryAfterSec ?? value.retryAfter ?? value.retry_after,
    });
  },
};
