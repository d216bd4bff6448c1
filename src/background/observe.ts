import type { Entry, Header } from 'har-format';
import type {
  ObservedCompletion,
  ObservedError,
  ObservedRequest,
  Platform,
  Unsubscribe,
} from '../platform/types.ts';

/**
 * Joins webRequest's onSendHeaders (request headers, for the key fingerprint) with
 * onCompleted / onErrorOccurred (status, response headers) into a HAR-shaped entry without a
 * body, so the background annotates through the same engine as the panel and the CLI.
 */
export interface Observation {
  tabId: number;
  entry: Entry;
}

function headers(list: { name: string; value?: string }[] | undefined): Header[] {
  return (list ?? []).map((h) => ({ name: h.name, value: h.value ?? '' }));
}

// webRequest's statusLine is "HTTP/1.1 404 Not Found"; HAR keeps version and text apart.
function parseStatusLine(line: string | undefined): { httpVersion: string; statusText: string } {
  const m = /^(\S+)\s+\d{3}\s?(.*)$/.exec(line ?? '');
  return m ? { httpVersion: m[1]!, statusText: m[2]! } : { httpVersion: '', statusText: '' };
}

export function toEntry(
  start: ObservedRequest | undefined,
  end: ObservedCompletion | ObservedError,
): Entry {
  const startedAt = start?.timeStamp ?? end.timeStamp;
  const responseHeaders = 'statusCode' in end ? headers(end.responseHeaders) : [];
  const status = 'statusCode' in end ? end.statusCode : 0;
  const { httpVersion, statusText } = parseStatusLine(
    'statusCode' in end ? end.statusLine : undefined,
  );
  const contentType =
    responseHeaders.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  const entry: Entry & { response: { _error?: string } } = {
    startedDateTime: new Date(startedAt).toISOString(),
    time: Math.max(0, end.timeStamp - startedAt),
    // webRequest's "xmlhttprequest" covers fetch() too; DevTools would say "fetch" or "xhr".
    _resourceType: (end.type === 'xmlhttprequest' ? 'fetch' : end.type) as Entry['_resourceType'],
    request: {
      method: end.method,
      url: end.url,
      httpVersion,
      headers: headers(start?.requestHeaders),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status,
      statusText,
      httpVersion,
      headers: responseHeaders,
      cookies: [],
      content: { size: -1, mimeType: contentType },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      ...('error' in end ? { _error: end.error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: Math.max(0, end.timeStamp - startedAt), receive: 0 },
  };
  return entry;
}

/**
 * A CORS preflight the browser sent on its own (Fetch standard §4.8: an OPTIONS carrying
 * Access-Control-Request-Method). Firefox reports preflights to webRequest, Chromium does not
 * (seen in e2e): not counting them keeps both browsers' summaries to the page's own calls.
 */
function isPreflight(start: ObservedRequest | undefined, end: ObservedCompletion | ObservedError) {
  return (
    end.method === 'OPTIONS' &&
    !!start?.requestHeaders?.some((h) => h.name.toLowerCase() === 'access-control-request-method')
  );
}

export interface RequestObserver {
  /**
   * How many of the tab's requests that started in [since, until) (epoch ms) webRequest has not
   * seen finish yet: the panel asks again until they have (capture.ts).
   */
  unfinished(tabId: number, since: number, until: number): number;
  stop: Unsubscribe;
}

/** Subscribes to webRequest and reports one Observation per finished request in a tab. */
export function observeRequests(
  webRequest: Platform['webRequest'],
  onObservation: (o: Observation) => void,
  maxPending: number,
): RequestObserver {
  // requestId → its start; Map keeps insertion order, so the oldest is dropped first.
  const pending = new Map<string, ObservedRequest>();
  const finish = (end: ObservedCompletion | ObservedError) => {
    const start = pending.get(end.requestId);
    pending.delete(end.requestId);
    // tabId -1: the request is not from a tab (service workers, other extensions).
    if (end.tabId < 0) return;
    if (isPreflight(start, end)) return;
    onObservation({ tabId: end.tabId, entry: toEntry(start, end) });
  };
  const offs = [
    webRequest.onSendHeaders((req) => {
      if (req.tabId < 0) return;
      pending.set(req.requestId, req);
      if (pending.size > maxPending) pending.delete(pending.keys().next().value!);
    }),
    webRequest.onCompleted(finish),
    webRequest.onErrorOccurred(finish),
  ];
  return {
    unfinished(tabId, since, until) {
      let n = 0;
      for (const req of pending.values())
        if (req.tabId === tabId && req.timeStamp >= since && req.timeStamp < until) n++;
      return n;
    },
    stop: () => {
      for (const off of offs) off();
    },
  };
}
