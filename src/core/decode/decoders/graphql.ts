import type { JsonDecoder } from '../decoder.ts';
import { boundedItems, decoded, isRecord } from '../util.ts';

/**
 * GraphQL `errors[]` (GraphQL over HTTP spec: `{errors:[{message, locations, path, extensions}]}`),
 * an error even on 200 (legacy application/json keeps 200, also for partial `data`). Told apart
 * from other `errors[]` shapes by a `data` member or GraphQL's own item members.
 */
export const graphql: JsonDecoder = {
  id: 'graphql-errors',
  onSuccess: true,
  decode(value, ctx) {
    if (!isRecord(value) || !Array.isArray(value.errors) || value.errors.length === 0) return null;
    const items = boundedItems(value.errors).filter(isRecord);
    if (items.length === 0 || !items.every((e) => typeof e.message === 'string')) return null;
    const graphqlish = items.some((e) => 'locations' in e || 'path' in e || 'extensions' in e);
    if (!('data' in value) && !graphqlish) return null;
    const first = items[0]!;
    const extensions = isRecord(first.extensions) ? first.extensions : {};
    return decoded('graphql-errors', ctx, {
      isError: true,
      messages: items.map((e) => e.message),
      // extensions.code is the spec's convention; GitHub puts the code in `type`.
      code: extensions.code ?? first.type,
    });
  },
};
