import { BUILTIN_PROFILES } from './builtin/index.ts';

/** Match patterns (for optional_host_permissions, http and https) covering every built-in profile's documented hosts. */
export function hostPermissionPatterns(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map((h) => `*://${h}/*`))];
}

export const BUILTIN_HOST_PATTERNS: string[] = hostPermissionPatterns(
  BUILTIN_PROFILES.flatMap((p) => p.match.hosts),
);

/**
 * Least privilege: the manifest asks for no host at install; webRequest only reports hosts the
 * user grants at runtime (optional_host_permissions). The popup offers the profiles' documented
 * hosts in one click, or every host.
 */
export const ALL_HOSTS = ['http://*/*', 'https://*/*'];

/**
 * The match pattern for a page's host (ports are not part of match patterns), or undefined for
 * pages that are not http(s). Chromium reports a request to webRequest only when the extension
 * may access both the request URL and its initiator, so the page calling the API needs access too.
 */
export function sitePattern(url: string | undefined): string | undefined {
  const m = /^(https?):\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url ?? '');
  return m ? `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}/*` : undefined;
}
