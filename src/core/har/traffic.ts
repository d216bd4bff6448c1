import type { Entry } from 'har-format';
import { getHeader, mediaType } from '../http.ts';

// Media types an API answers with: JSON and its +json suffixes (problem, HAL, JSON:API,
// GraphQL response), XML and its +xml suffixes (problem+xml, SOAP).
const API_MEDIA = /^application\/([\w.-]+\+)?(json|xml)$|^text\/xml$|^application\/soap\+xml$/;

/**
 * API traffic, as the panel shows it by default: fetch/XHR requests, responses in an API media
 * type, or any request a provider profile matched. Documents, scripts, styles and images are not.
 */
export function isApiTraffic(entry: Entry, profileId: string): boolean {
  if (profileId !== 'generic') return true;
  const type = (entry as { _resourceType?: string })._resourceType;
  if (type === 'fetch' || type === 'xhr') return true;
  if (type && type !== 'other') return false;
  const ct = mediaType(
    getHeader(entry.response?.headers, 'content-type') ?? entry.response?.content?.mimeType,
  );
  return API_MEDIA.test(ct);
}
