import { BUILTIN_PROFILES } from './builtin/index.ts';

/** Match patterns (for optional_host_permissions, http and https) covering every built-in profile's documented hosts. */
export function hostPermissionPatterns(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map((h) => `*://${h}/*`))];
}

export const BUILTIN_HOST_PATTERNS: string[] = hostPermissionPatterns(
  BUILTIN_PROFILES.flatMap((p) => p.match.hosts),
);
