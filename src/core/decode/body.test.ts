import { describe, expect, it } from 'vitest';
import { describeBinary, formatSize, isBinaryMediaType, prepareBody } from './body.ts';

const MAX = 1000;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64Bytes = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('prepareBody', () => {
  it('passes text bodies through untouched', () => {
    expect(prepareBody('{"error":"x"}', undefined, 'application/json', MAX)).toEqual({
      text: '{"error":"x"}',
      truncated: false,
    });
  });

  it('decodes base64 bodies (HAR content.encoding) as UTF-8, whatever the case of the encoding name', () => {
    const text = '{"message":"Grüße, 世界 🎉"}';
    expect(prepareBody(b64(text), 'base64', 'application/json', MAX)).toEqual({
      text,
      truncated: false,
    });
    expect(prepareBody(b64(text), 'BASE64', 'application/json', MAX).text).toBe(text);
  });

  it('ignores line breaks inside base64 (MIME-style wrapping)', () => {
    const text = 'a'.repeat(200);
    const wrapped = b64(text).replace(/(.{76})/g, '$1\r\n');
    expect(prepareBody(wrapped, 'base64', 'text/plain', MAX).text).toBe(text);
  });

  it('drops a leading byte-order mark from text and base64 bodies', () => {
    expect(prepareBody('\uFEFF{"a":1}', undefined, 'application/json', MAX).text).toBe('{"a":1}');
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"a":1}'),
    ]).toString('base64');
    expect(prepareBody(withBom, 'base64', 'application/json', MAX).text).toBe('{"a":1}');
  });

  it('cuts text bodies over the cap to their head and marks them truncated', () => {
    const result = prepareBody('x'.repeat(MAX + 1), undefined, 'text/plain', MAX);
    expect(result.truncated).toBe(true);
    expect(result.text).toHaveLength(MAX);
    expect(prepareBody('x'.repeat(MAX), undefined, 'text/plain', MAX).truncated).toBe(false);
  });

  it('cuts base64 bodies over the cap without decoding all of them, and marks them truncated', () => {
    const result = prepareBody(b64('é'.repeat(MAX * 10)), 'base64', 'text/plain', MAX);
    expect(result.truncated).toBe(true);
    expect(result.text).toBe('é'.repeat(MAX));
  });

  it('describes binary media types instead of decoding them, with the decoded byte count', () => {
    const result = prepareBody(
      b64Bytes([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
      'base64',
      'image/png',
      MAX,
    );
    expect(result).toEqual({
      text: '',
      truncated: false,
      binary: { bytes: 7, reason: 'media-type' },
    });
  });

  it('treats bytes that are not UTF-8 as binary, whatever the label', () => {
    const result = prepareBody(b64Bytes([0xff, 0xfe, 0xfd, 0x80]), 'base64', 'text/plain', MAX);
    expect(result.binary).toEqual({ bytes: 4, reason: 'not-utf8' });
  });

  it('treats raw NUL bytes in the head as binary; escaped \\u0000 in JSON is text', () => {
    expect(
      prepareBody('PK\u0003\u0004\u0000\u0000', undefined, 'text/plain', MAX).binary?.reason,
    ).toBe('control-chars');
    expect(
      prepareBody('{"m":"\\u0000"}', undefined, 'application/json', MAX).binary,
    ).toBeUndefined();
  });

  it('reports invalid base64 rather than throwing', () => {
    const result = prepareBody('!!not base64!!', 'base64', 'application/json', MAX);
    expect(result.binary?.reason).toBe('invalid-base64');
  });

  it('decodes JSON or markup served under a binary media type (misconfigured gateways)', () => {
    expect(prepareBody('{"message":"x"}', undefined, 'application/octet-stream', MAX).text).toBe(
      '{"message":"x"}',
    );
    expect(prepareBody('GIF89a', undefined, 'image/gif', MAX).binary?.reason).toBe('media-type');
  });
});

describe('isBinaryMediaType', () => {
  it('knows images, archives and octet streams are binary, and +json/+xml suffixes are text', () => {
    for (const type of [
      'image/png',
      'application/octet-stream',
      'application/pdf',
      'font/woff2',
      'video/mp4',
    ]) {
      expect(isBinaryMediaType(type)).toBe(true);
    }
    for (const type of [
      'application/json',
      'text/html',
      'image/svg+xml',
      'application/problem+json',
      '',
    ]) {
      expect(isBinaryMediaType(type)).toBe(false);
    }
  });
});

describe('describeBinary', () => {
  it('says what the body is and how big, in DevTools-style SI units', () => {
    expect(describeBinary({ bytes: 12_345, reason: 'media-type' }, 'image/png')).toBe(
      'binary body (12.3 kB, image/png)',
    );
    expect(describeBinary({ bytes: 10, reason: 'invalid-base64' }, '')).toBe(
      'body is not valid base64 (10 B, no content type)',
    );
    expect(formatSize(2_500_000)).toBe('2.5 MB');
  });
});
