import type { OperationAnnotation, SchemaAnnotation, StatusAnnotation } from '../annotation.ts';
import { prepareBody } from '../decode/body.ts';
import { RFC_CLASSES, RFC_STATUSES } from '../profiles/generic.ts';
import type { OpenApiInfo, OpenApiOperation, OpenApiResponse } from '../profiles/openapi-schema.ts';
import { validateBody } from './validate.ts';

/**
 * What a matched operation adds to an entry: the operation, the documented status (exact
 * code, else its `4XX` range, else `default` — OAS 3.1 §4.8.16), and the body checked against
 * the documented schema for the response's media type.
 */

export function operationAnnotation(info: OpenApiInfo, op: OpenApiOperation): OperationAnnotation {
  // Member by member in the published order (id, method, path, summary, spec), not spread from
  // conditional objects: this runs for every matched entry.
  const a: Partial<OperationAnnotation> = {};
  if (op.id !== undefined) a.id = op.id;
  a.method = op.method;
  a.path = op.path;
  if (op.summary !== undefined) a.summary = op.summary;
  a.spec = info.title;
  return a as OperationAnnotation;
}

export function documentedResponse(
  op: OpenApiOperation,
  status: number,
): OpenApiResponse | undefined {
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const code = String(status);
  const range = `${code[0]}XX`;
  return (
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status === range) ??
    op.responses.find((r) => r.status === 'default')
  );
}

export function documentedStatus(
  info: OpenApiInfo,
  status: number,
  r: OpenApiResponse,
): StatusAnnotation {
  const cls = Math.floor(status / 100);
  return {
    code: status,
    text: RFC_STATUSES[status]?.text ?? RFC_CLASSES[cls]?.text ?? '',
    meaning: r.description,
    source: 'openapi',
    documented: true,
    cite: `${info.title} — responses.${r.status}`,
  };
}

/** Media types tried for a response: exact, its `+json` suffix as application/json, `type/*`, `*\/*`. */
export function mediaCandidates(media: string): string[] {
  const out = [media];
  if (/^[^/]+\/[^;]*\+json$/.test(media)) out.push('application/json');
  const slash = media.indexOf('/');
  if (slash > 0) out.push(`${media.slice(0, slash)}/*`);
  out.push('*/*');
  return out;
}

function isJsonMedia(media: string): boolean {
  return media === 'application/json' || media.endsWith('+json') || media === 'text/json';
}

const MAX_VALIDATED_CHARS = 4 * 1024 * 1024;

/**
 * The schema check of a response body, or undefined when there is none to make: no body, a
 * body that does not parse, or nothing documented for that media type. `json` is the body as
 * the decoder already parsed it (whole, unrepaired), so it is not parsed twice.
 */
export function checkSchema(
  info: OpenApiInfo,
  r: OpenApiResponse,
  media: string,
  body: { text?: string | null; encoding?: string | undefined },
  json?: { value: unknown; chars: number },
): SchemaAnnotation | undefined {
  if (body.text == null || body.text === '') return undefined;
  let content: OpenApiResponse['content'][number] | undefined;
  for (const m of mediaCandidates(media)) {
    content = r.content.find((c) => c.type === m);
    if (content) break;
  }
  if (content?.schema === undefined || !isJsonMedia(media)) return undefined;
  if (json)
    return json.chars > MAX_VALIDATED_CHARS
      ? undefined
      : validateBody(info, content.schema, json.value);
  const prepared = prepareBody(body.text, body.encoding, media, MAX_VALIDATED_CHARS);
  if (prepared.binary || prepared.truncated) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(prepared.text);
  } catch {
    return undefined;
  }
  return validateBody(info, content.schema, value);
}
