import type { Entry } from 'har-format';

/**
 * HAR entries for tests (core, CLI and panel alike), shaped like the ones DevTools and HAR
 * writers produce. Not used by product code.
 */
export interface EntryInit {
  method?: string;
  url?: string;
  status?: number;
  /** Response body text. */
  body?: string;
  contentType?: string;
  requestHeaders?: Record<string, string>;
  responseHeaders?: Record<string, string>;
  /** Request query parameters, as HAR's `queryString` lists them. */
  queryString?: Record<string, string>;
  /** Epoch ms; defaults to a fixed base plus a counter so entries stay in order. */
  at?: number;
  /** Total time of the request, ms (default 5). */
  time?: number;
  /** DevTools' `_resourceType` (omitted by default, as in HAR files from other tools). */
  resourceType?: string;
  postData?: string;
}

export const BASE_TIME = Date.UTC(2026, 10, 3, 12, 0, 0);
let seq = 0;

const pairs = (h: Record<string, string> = {}) =>
  Object.entries(h).map(([name, value]) => ({ name, value }));

export function harEntry(init: EntryInit = {}): Entry {
  const at = init.at ?? BASE_TIME + seq++ * 10;
  const contentType = init.contentType ?? 'application/json';
  const time = init.time ?? 5;
  return {
    startedDateTime: new Date(at).toISOString(),
    time,
    request: {
      method: init.method ?? 'GET',
      url: init.url ?? 'https://api.example.com/v1/things',
      httpVersion: 'HTTP/1.1',
      headers: pairs(init.requestHeaders),
      queryString: pairs(init.queryString),
      cookies: [],
      headersSize: -1,
      bodySize: init.postData ? init.postData.length : 0,
      ...(init.postData ? { postData: { mimeType: 'application/json', text: init.postData } } : {}),
    },
    response: {
      status: init.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: pairs({ 'Content-Type': contentType, ...init.responseHeaders }),
      cookies: [],
      content: {
        size: init.body?.length ?? 0,
        mimeType: contentType,
        ...(init.body !== undefined ? { text: init.body } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: init.body?.length ?? 0,
    },
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    ...(init.resourceType ? ({ _resourceType: init.resourceType } as object) : {}),
  } as Entry;
}
