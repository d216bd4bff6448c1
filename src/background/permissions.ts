import type { PermissionState } from '../core/messages.ts';
import { hostPermissionPatterns } from '../core/profiles/hosts.ts';
import { BUILTIN_PROFILES } from '../core/profiles/index.ts';
import type { Profile } from '../core/profiles/schema.ts';
import type { PermissionsApi } from '../platform/types.ts';

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

/** Match patterns for every host the built-in and user profiles document. */
export function profileHostPatterns(userProfiles: readonly Profile[] = []): string[] {
  return hostPermissionPatterns(
    [...BUILTIN_PROFILES, ...userProfiles].flatMap((p) => p.match.hosts),
  );
}

export async function permissionState(
  permissions: PermissionsApi,
  userProfiles: readonly Profile[] = [],
): Promise<PermissionState> {
  const profileHosts = profileHostPatterns(userProfiles);
  const [granted, profileHostsGranted, allHostsGranted] = await Promise.all([
    permissions.granted(),
    permissions.contains(profileHosts),
    permissions.contains(ALL_HOSTS),
  ]);
  return { profileHosts, granted, profileHostsGranted, allHostsGranted };
}
