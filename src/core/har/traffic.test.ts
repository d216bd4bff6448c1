import type { Entry } from 'har-format';
import { describe, expect, it } from 'vitest';
import { isApiTraffic } from './traffic.ts';

function entry(resourceType: string | undefined, contentType: string): Entry {
  return {
    ...(resourceType ? { _resourceType: resourceType } : {}),
    response: {
      headers: [{ name: 'Content-Type', value: contentType }],
      content: { mimeType: contentType },
    },
  } as unknown as Entry;
}

describe('isApiTraffic', () => {
  it('keeps fetch/XHR and anything a provider profile matched', () => {
    expect(isApiTraffic(entry('fetch', 'text/html'), 'generic')).toBe(true);
    expect(isApiTraffic(entry('xhr', 'text/plain'), 'generic')).toBe(true);
    expect(isApiTraffic(entry('document', 'text/html'), 'aurora')).toBe(true);
  });

  it('drops documents, scripts and images of unknown APIs', () => {
    expect(isApiTraffic(entry('document', 'text/html'), 'generic')).toBe(false);
    expect(isApiTraffic(entry('script', 'application/json'), 'generic')).toBe(false);
    expect(isApiTraffic(entry('image', 'image/png'), 'generic')).toBe(false);
  });

  it('recognises API media types when the resource type is unknown (imported HAR files)', () => {
    expect(
      isApiTraffic(entry(undefined, 'application/problem+json; charset=utf-8'), 'generic'),
    ).toBe(true);
    expect(isApiTraffic(entry(undefined, 'application/vnd.api+json'), 'generic')).toBe(true);
    expect(isApiTraffic(entry(undefined, 'text/xml'), 'generic')).toBe(true);
    expect(isApiTraffic(entry(undefined, 'text/html'), 'generic')).toBe(false);
  });
});
