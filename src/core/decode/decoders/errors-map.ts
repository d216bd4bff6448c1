import type { JsonDecoder } from '../decoder.ts';
import {
  boundedEntries,
  boundedItems,
  decoded,
  FieldErrors,
  isRecord,
  type Json,
} from '../util.ts';

/**
 * A top-level `errors` that is a map or a string, with an optional summary message:
 * - Laravel validation: `{message, errors:{"users.0.email": ["…"]}}`;
 * - Rails / Shopify: `{errors: {field: ["…"]}}` or `{errors: "Call limit exceeded"}`;
 * - Jira ErrorCollection: `{errorMessages: ["…"], errors: {field: "…"}}`;
 * - Discord form errors: `{code, message, errors: {path: {…: {_errors: [{code, message}]}}}}`,
 *   paths joined with '.'.
 */

const MAX_DEPTH = 8;

/** Walks Discord's nested `_errors` tree; returns whether any `_errors` node was seen. */
function walkNested(
  node: Json,
  path: string,
  depth: number,
  messages: unknown[],
  fieldErrors: FieldErrors,
): boolean {
  let nested = false;
  for (const [key, child] of boundedEntries(node)) {
    if (key === '_errors' && Array.isArray(child)) {
      nested = true;
      for (const e of boundedItems(child)) {
        if (!isRecord(e)) continue;
        messages.push(e.message);
        fieldErrors.add(path, e.message ?? e.code);
      }
    } else if (typeof child === 'string' || Array.isArray(child)) {
      for (const m of typeof child === 'string' ? [child] : boundedItems(child)) {
        if (typeof m !== 'string') continue;
        messages.push(m);
        fieldErrors.add(path ? `${path}.${key}` : key, m);
      }
    } else if (isRecord(child) && depth < MAX_DEPTH) {
      nested =
        walkNested(child, path ? `${path}.${key}` : key, depth + 1, messages, fieldErrors) ||
        nested;
    }
  }
  return nested;
}

export const errorsMap: JsonDecoder = {
  id: 'errors-map',
  decode(value, ctx) {
    if (!isRecord(value)) return null;
    const { errors } = value;
    const jira = Array.isArray(value.errorMessages);
    if (!isRecord(errors) && typeof errors !== 'string' && !jira) return null;
    const messages: unknown[] = [value.message, ...boundedItems(value.errorMessages)];
    const fieldErrors = new FieldErrors();
    let format = jira ? 'jira' : 'errors-map';
    if (typeof errors === 'string') {
      messages.push(errors);
      format = 'errors-string';
    } else if (isRecord(errors) && walkNested(errors, '', 0, messages, fieldErrors)) {
      format = 'discord-form-errors';
    }
    return decoded(format, ctx, { messages, fieldErrors, code: value.code });
  },
};
