import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import type { Engine, EngineOptions } from '../core/engine.ts';
import type { KeyValueArea } from '../platform/types.ts';
import type { PanelEnv } from './context.ts';
import type { PanelStore } from './store.ts';

/** Test helpers for the panel: HAR entries shaped like the ones DevTools reports. */

let seq = 0;

export interface EntryInit {
  method?: string;
  url?: string;
  status?: number;
  /** Response body text. */
  body?: string;
  contentType?: string;
  requestHeaders?: Record<string, string>;
  responseHeaders?: Record<string, string>;
  /** Epoch ms; defaults to a fixed base plus a counter so entries stay in order. */
  at?: number;
  resourceType?: string;
  postData?: string;
}

export const BASE_TIME = Date.UTC(2026, 10, 3, 12, 0, 0);

const headers = (h: Record<string, string> = {}) =>
  Object.entries(h).map(([name, value]) => ({ name, value }));

export function harEntry(init: EntryInit = {}): Entry {
  const at = init.at ?? BASE_TIME + seq++ * 10;
  const contentType = init.contentType ?? 'application/json';
  return {
    startedDateTime: new Date(at).toISOString(),
    time: 5,
    request: {
      method: init.method ?? 'GET',
      url: init.url ?? 'https://api.example.com/v1/things',
      httpVersion: 'HTTP/1.1',
      headers: headers(init.requestHeaders),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: init.postData ? init.postData.length : 0,
      ...(init.postData ? { postData: { mimeType: 'application/json', text: init.postData } } : {}),
    },
    response: {
      status: init.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: headers({ 'content-type': contentType, ...init.responseHeaders }),
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
    timings: { send: 0, wait: 5, receive: 0 },
    ...({ _resourceType: init.resourceType ?? 'fetch' } as object),
  } as Entry;
}

/**
 * A stand-in engine for store logic that does not depend on what the core decides (dedupe,
 * eviction, sessions, sort): errors are the body's `error` field, verdict by status class.
 */
export function stubEngine(_opts: EngineOptions = {}): Engine {
  const counts = new Map<string, number>();
  return {
    annotate(entry, body) {
      const status = entry.response.status;
      const text = body ? body.text : entry.response.content.text;
      let message: string | undefined;
      try {
        message = text ? (JSON.parse(text) as { error?: string }).error : undefined;
      } catch {
        message = undefined;
      }
      const host = new URL(entry.request.url).host;
      counts.set(host, (counts.get(host) ?? 0) + 1);
      const ann: EntryAnnotation = {
        v: 1,
        profile: host.startsWith('api.aurorasolar') ? 'aurora' : 'generic',
        status: { code: status, text: '', meaning: `meaning of ${status}`, source: 'rfc' },
        retry: { verdict: status >= 500 ? 'backoff' : status >= 400 ? 'fix' : 'none', reason: 'r' },
        ...(status >= 400 ? { error: { format: 'stub', messages: [message ?? `${status}`] } } : {}),
      };
      return ann;
    },
    profileFor: () => ({ profile: { id: 'generic', name: 'Generic' } as never }),
    rate: { states: () => [] } as unknown as Engine['rate'],
  };
}

/** A PanelEnv over a fake storage area, recording copies and downloads. */
export function testEnv(store: PanelStore, storage: KeyValueArea, now = () => BASE_TIME) {
  const copied: string[] = [];
  const downloads: { name: string; text: string }[] = [];
  const env: PanelEnv = {
    store,
    storage,
    clock: now,
    copy: async (text) => {
      copied.push(text);
      return true;
    },
    download: (name, text) => {
      downloads.push({ name, text });
    },
  };
  return { env, copied, downloads };
}
