import type { Entry } from 'har-format';
import { shellQuote } from './quote.ts';
import { type CopyOptions, copyRequest } from './request.ts';

/**
 * Copy as cURL (POSIX shell). Every word taken from the request — method, URL, headers, body —
 * is single-quoted; the method too, since a page or a HAR file chooses it (`GET$HOME`).
 */
export function toCurl(entry: Entry, opts: CopyOptions = {}): string {
  const r = copyRequest(entry, opts);
  // `--url` when the URL could read as an option (a hostile HAR's "-o/etc/x").
  const parts = [
    r.url.startsWith('-') ? `curl --url ${shellQuote(r.url)}` : `curl ${shellQuote(r.url)}`,
  ];
  // curl's -X HEAD waits for a body that never comes; --head is curl's own HEAD (curl(1)).
  if (r.method === 'HEAD') parts.push('--head');
  else if (r.method !== 'GET' || r.body !== undefined) parts.push(`-X ${shellQuote(r.method)}`);
  for (const h of r.headers) parts.push(`-H ${shellQuote(`${h.name}: ${h.value}`)}`);
  if (r.headers.some((h) => h.name.toLowerCase() === 'accept-encoding')) parts.push('--compressed');
  if (r.body !== undefined) parts.push(`--data-raw ${shellQuote(r.body)}`);
  return parts.join(' \\\n  ');
}
