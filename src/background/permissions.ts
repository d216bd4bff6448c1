import type { PermissionState } from '../core/messages.ts';
import { ALL_HOSTS, hostPermissionPatterns } from '../core/profiles/hosts.ts';
import { BUILTIN_PROFILES } from '../core/profiles/index.ts';
import type { Profile } from '../core/profiles/schema.ts';
import type { PermissionsApi } from '../platform/types.ts';

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
