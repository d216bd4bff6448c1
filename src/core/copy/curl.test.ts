import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { curlArgv } from '../../../e2e/support/shell.ts';
import { harEntry } from '../har/test-entry.ts';
import { toCurl } from './curl.ts';

const dir = mkdtempSync(join(tmpdir(), 'apilens-curl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const argvOf = (command: string) => curlArgv(command, dir);

describe('Copy as cURL', () => {
  const marker = join(dir, 'ran');
  const hostile = [
    'GET$HOME',
    'GET`id`',
    `DELETE$(touch ${marker})`,
    `POST'; touch ${marker}; '`,
    'GET\nid',
  ];
  for (const method of hostile) {
    it(`passes the method ${JSON.stringify(method)} to curl literally and runs nothing`, () => {
      const cmd = toCurl(harEntry({ method, url: 'https://api.example.com/v1/x' }));
      const argv = argvOf(cmd);
      expect(argv).toEqual(['https://api.example.com/v1/x', '-X', method]);
      expect(existsSync(marker)).toBe(false);
    });
  }

  it('quotes URL, header names and values, and the body, whatever they hold', () => {
    const url = `https://api.example.com/v1/x?q=$(touch ${marker})&r='\`id\`'`;
    const body = `{"name":"$(touch ${marker})","q":"it's \`id\` \\"x\\""}`;
    const cmd = toCurl(
      harEntry({
        method: 'POST',
        url,
        requestHeaders: { 'X-Note': `$HOME'"; touch ${marker}` },
        postData: body,
      }),
    );
    expect(argvOf(cmd)).toEqual([
      url,
      '-X',
      'POST',
      '-H',
      `X-Note: $HOME'"; touch ${marker}`,
      '--data-raw',
      body,
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('passes a URL that reads as an option with --url', () => {
    const cmd = toCurl(harEntry({ url: '-o/tmp/x' }));
    expect(argvOf(cmd)).toEqual(['--url', '-o/tmp/x']);
  });

  it('uses --head for HEAD, and keeps GET with a body a GET', () => {
    expect(argvOf(toCurl(harEntry({ method: 'HEAD' })))).toEqual([
      'https://api.example.com/v1/things',
      '--head',
    ]);
    expect(argvOf(toCurl(harEntry({ method: 'GET', postData: '{"a":1}' })))).toContain('GET');
  });

  it('leaves out pseudo-headers and framing, and adds --compressed for Accept-Encoding', () => {
    const argv = argvOf(
      toCurl(
        harEntry({
          requestHeaders: {
            ':authority': 'api.example.com',
            'Content-Length': '7',
            Host: 'api.example.com',
            'Accept-Encoding': 'gzip',
          },
        }),
      ),
    );
    expect(argv).toEqual([
      'https://api.example.com/v1/things',
      '-H',
      'Accept-Encoding: gzip',
      '--compressed',
    ]);
  });

  it('redacts credentials by default, the profile key headers included', () => {
    const entry = harEntry({
      url: 'https://api.acme.test/v2/x?access_token=tok123456789',
      requestHeaders: { Authorization: 'Bearer sekrit-token', 'X-Acme-Key': 'acme-secret-1' },
    });
    const cmd = toCurl(entry, { profile: { keyHeaders: ['X-Acme-Key'], keyQueryParams: [] } });
    expect(cmd).not.toContain('sekrit-token');
    expect(cmd).not.toContain('acme-secret-1');
    expect(cmd).not.toContain('tok123456789');
    expect(cmd).toContain('REDACTED');
    const withSecrets = toCurl(entry, { secrets: true });
    expect(withSecrets).toContain('Bearer sekrit-token');
  });
});
