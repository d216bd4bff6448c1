import { getHeader, type Header } from '../http.ts';
import type { Profile } from './schema.ts';

/** A fact worth a badge on the request row, not only a line in the detail. */
export interface RowFact {
  kind: 'created' | 'repeated-create' | 'legacy';
  label: string;
  title: string;
}

export interface RowFactInput {
  method: string;
  url: string;
  status: number;
  responseHeaders: readonly Header[];
  profile: Pick<Profile, 'versions' | 'repeatedCreate'>;
  apiVersion?: string | undefined;
}

/** A Location against the request URL (RFC 3986 §5.2, the cases servers send: absolute, `/path`, `//host`). */
function resolve(href: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  const origin = /^([a-z][a-z0-9+.-]*:)\/\/[^/?#]*/i.exec(base);
  if (!origin) return href;
  if (href.startsWith('//')) return `${origin[1]}${href}`;
  if (href.startsWith('/')) return `${origin[0]}${href}`;
  const path = base.slice(origin[0].length).replace(/[?#].*$/, '');
  return `${origin[0]}${path.slice(0, path.lastIndexOf('/') + 1) || '/'}${href}`;
}

/**
 * Facts the data holds that the list should show: a 201's Location (RFC 9110 §15.3.2: "the
 * primary resource created"; EVRYTHNG's 201 "The Location header will contain the URL of the
 * resource"), a create answered as already done (the profile's `repeatedCreate`), and a legacy
 * API version (the profile's `versions[].legacy`, e.g. Aura v1beta3).
 */
export function rowFacts(i: RowFactInput): RowFact[] {
  const out: RowFact[] = [];
  const location = i.status === 201 ? getHeader(i.responseHeaders, 'location') : undefined;
  if (location) {
    const url = resolve(location, i.url);
    out.push({
      kind: 'created',
      label: `Created: ${url}`,
      title: `201 Created — Location: ${url}`,
    });
  }
  const rc = i.profile.repeatedCreate;
  if (rc && i.method.toUpperCase() === 'POST' && i.status === rc.status)
    out.push({ kind: 'repeated-create', label: 'Already created', title: rc.note });
  const version = i.apiVersion ? i.profile.versions.find((v) => v.id === i.apiVersion) : undefined;
  if (version?.legacy)
    out.push({
      kind: 'legacy',
      label: `${version.id}: legacy`,
      title: version.note ?? 'A legacy API version',
    });
  return out;
}
