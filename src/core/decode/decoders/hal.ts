import type { HalAnnotation } from '../../annotation.ts';
import type { JsonDecoder } from '../decoder.ts';
import { normalizeMessage } from '../normalize.ts';
import { boundedEntries, boundedItems, isErrorStatus, isRecord, MAX_ITEMS } from '../util.ts';

/**
 * HAL success bodies (hal-problem-api-status-codes seed: "We use HAL (application/hal+json) for
 * successful responses"): `_links` (a rel holds one link object or an array of them; templated
 * hrefs are kept as-is) and `_embedded` (a rel holds one resource or an array). At most
 * MAX_ITEMS links in all, hrefs and titles clipped: the summary goes into every exported entry.
 */
export const hal: JsonDecoder = {
  id: 'hal',
  onSuccess: true,
  decode(value, ctx) {
    if (isErrorStatus(ctx.status) || !isRecord(value)) return null;
    const links = value._links;
    const embedded = value._embedded;
    if (!isRecord(links) && !isRecord(embedded)) return null;
    const summary: HalAnnotation = { links: [], embedded: [] };
    if (isRecord(links)) {
      for (const [rel, entry] of boundedEntries(links)) {
        for (const link of Array.isArray(entry) ? boundedItems(entry) : [entry]) {
          if (summary.links.length >= MAX_ITEMS) break;
          if (!isRecord(link) || typeof link.href !== 'string') continue;
          const href = normalizeMessage(link.href);
          summary.links.push(
            typeof link.title === 'string'
              ? { rel, href, title: normalizeMessage(link.title) }
              : { rel, href },
          );
        }
      }
    }
    if (isRecord(embedded)) {
      for (const [rel, entry] of boundedEntries(embedded)) {
        summary.embedded.push({ rel, count: Array.isArray(entry) ? entry.length : 1 });
      }
    }
    return { format: 'hal', isError: false, messages: [], hal: summary };
  },
};
