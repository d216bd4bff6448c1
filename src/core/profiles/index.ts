import { z } from 'zod';
import type { StatusAnnotation } from '../annotation.ts';
import { mediaType } from '../http.ts';
import { Router, type ServerTier } from '../openapi/router.ts';
import { dict, own } from '../own.ts';
import { compileUserRegex, type UserRegex } from '../safe-regex.ts';
import { BUILTIN_PROFILES } from './builtin/index.ts';
import { GENERIC_PROFILE, RFC_CLASSES, RFC_STATUSES } from './generic.ts';
import type { OpenApiOperation } from './openapi-schema.ts';
import { Profile } from './schema.ts';

export { BUILTIN_PROFILES } from './builtin/index.ts';
export { GENERIC_PROFILE, RFC_CLASSES, RFC_STATUSES, type RfcStatus } from './generic.ts';
export { Profile, type ProfileInput, StatusMeaning } from './schema.ts';

export interface ProfileMatch {
  profile: Profile;
  /** The API version the path names, when the profile knows versions. */
  apiVersion?: string;
  /** Shown with every entry of a legacy version (e.g. Neo4j Aura v1beta3: migrate to v1). */
  versionNote?: string;
  /** The OpenAPI operation the request matched (profiles compiled from a document). */
  operation?: OpenApiOperation;
}

export interface ProfileSet {
  match(input: { url: string; responseMediaType?: string; method?: string }): ProfileMatch;
  /** User profiles, then built-ins (a user profile with a built-in's id replaces it), then generic. */
  all(): Profile[];
}

interface Compiled {
  profile: Profile;
  prefixes: readonly string[];
  versions: { id: string; re: UserRegex; note?: string; legacy: boolean }[];
}

/** `https://user@Host:8443/a/b?q` → host `host`, path `/a/b` (no URL global in core). */
export function splitUrl(url: string): { host: string; path: string } {
  const s = url.indexOf('://');
  const rest = s < 0 ? url : url.slice(s + 3);
  const cut = rest.search(/[?#]/);
  const noQuery = cut < 0 ? rest : rest.slice(0, cut);
  const slash = noQuery.indexOf('/');
  const authority = slash < 0 ? noQuery : noQuery.slice(0, slash);
  const host = authority
    .replace(/^[^@]*@/, '')
    .replace(/:\d*$/, '')
    .toLowerCase();
  return { host, path: slash < 0 ? '/' : noQuery.slice(slash) };
}

/** The schema has already refused a pattern RE2 cannot compile; a profile built in code may not have been parsed. */
function userRegex(pattern: string): UserRegex {
  const c = compileUserRegex(pattern);
  if (!c.ok) throw new Error(`pathPattern ${JSON.stringify(pattern)}: ${c.error}`);
  return c.re;
}

function compile(profile: Profile): Compiled {
  return {
    profile,
    prefixes: profile.match.pathPrefixes,
    versions: profile.versions.map((v) => ({
      id: v.id,
      re: userRegex(v.pathPattern),
      ...(v.note ? { note: v.note } : {}),
      legacy: v.legacy ?? false,
    })),
  };
}

interface HostTier {
  exact: Map<string, Compiled[]>;
  /** `*.example.com` as its suffix `.example.com`, longest first. */
  wildcards: { suffix: string; c: Compiled }[];
}

function hostTier(compiled: readonly Compiled[]): HostTier {
  const exact = new Map<string, Compiled[]>();
  const wildcards: HostTier['wildcards'] = [];
  for (const c of compiled) {
    for (const h of c.profile.match.hosts) {
      const host = h.toLowerCase();
      if (host.startsWith('*.')) wildcards.push({ suffix: host.slice(1), c });
      else exact.set(host, [...(exact.get(host) ?? []), c]);
    }
  }
  wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
  return { exact, wildcards };
}

const SERVER_TIERS: readonly ServerTier[] = ['host', 'any'];

/** Path prefixes match whole segments: "/v2" covers "/v2" and "/v2/x", not "/v20". */
function underPrefix(c: Compiled, path: string): boolean {
  return (
    c.prefixes.length === 0 ||
    c.prefixes.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))
  );
}

/**
 * Profile matching, precompiled once per set (it runs per entry): user profiles, then built-ins,
 * each by an exact-host map then `*.domain` wildcards (longest first); only when no host matched,
 * response media types (APIs that document no host). Path prefixes, when given, must match too.
 */
export function createProfileSet(userProfiles: readonly Profile[] = []): ProfileSet {
  const userIds = new Set(userProfiles.map((p) => p.id));
  const ordered = [...userProfiles, ...BUILTIN_PROFILES.filter((p) => !userIds.has(p.id))];
  const compiled = ordered.map(compile);
  const generic = compile(GENERIC_PROFILE);
  // Two host tiers, users' first: a user's `*.acme.com` beats a built-in's exact host.
  const n = userProfiles.length;
  const tiers = [compiled.slice(0, n), compiled.slice(n)].map(hostTier);
  const byMedia = new Map<string, Compiled[]>();
  for (const c of compiled)
    for (const m of c.profile.match.contentTypes) {
      const key = mediaType(m);
      byMedia.set(key, [...(byMedia.get(key) ?? []), c]);
    }

  // OpenAPI profiles first, by their servers and operations: the first listed wins (the CLI's
  // first --openapi), except that a later import wins in the panel (importedAt, newest first).
  const routed = userProfiles
    .filter((p) => p.openapi)
    .map((p, i) => ({ p, i, at: p.openapi!.importedAt ?? 0 }))
    .sort((a, b) => b.at - a.at || a.i - b.i)
    .map(({ p }) => ({
      c: compiled[userProfiles.indexOf(p)]!,
      router: new Router(p.openapi!.servers, p.openapi!.operations),
    }));

  // Every document's servers that name the host, then every document's catch-all servers (a
  // relative URL, `{protocol}://{name}`): a catch-all never shadows a document naming the host.
  function route(method: string, host: string, path: string) {
    let served: Compiled | undefined;
    for (const tier of SERVER_TIERS)
      for (const { c, router } of routed) {
        const m = router.match(method, host, path, tier);
        if (m.operation) return { c, operation: m.operation };
        if (m.served) served ??= c;
      }
    return served ? { c: served } : undefined;
  }

  function pick(host: string, path: string, media: string): Compiled {
    for (const t of tiers) {
      for (const c of t.exact.get(host) ?? []) if (underPrefix(c, path)) return c;
      for (const w of t.wildcards)
        if (host.endsWith(w.suffix) && underPrefix(w.c, path)) return w.c;
    }
    // Media types only identify APIs that document no host (hal-problem), so they come last.
    if (media) for (const c of byMedia.get(media) ?? []) if (underPrefix(c, path)) return c;
    return generic;
  }

  return {
    match({ url, responseMediaType = '', method = 'GET' }) {
      const { host, path } = splitUrl(url);
      const hit = routed.length ? route(method.toUpperCase(), host, path) : undefined;
      const c = hit?.c ?? pick(host, path, mediaType(responseMediaType));
      const version = c.versions.find((v) => v.re.test(path));
      return {
        profile: c.profile,
        ...(version ? { apiVersion: version.id } : {}),
        ...(version?.legacy && version.note ? { versionNote: version.note } : {}),
        ...(hit?.operation ? { operation: hit.operation } : {}),
      };
    },
    all: () => [...ordered, GENERIC_PROFILE],
  };
}

/**
 * The meaning of `status` for `profile`: the provider's own words for an exact code, then its
 * class entry (`5xx`) alongside the RFC meaning, then the RFC registry; a code outside the
 * registry reads as the x00 of its class (RFC 9110 §15). Status 0: no response at all.
 */
export function statusMeaning(status: number, profile: Profile): StatusAnnotation {
  if (!Number.isInteger(status) || status <= 0) {
    return {
      code: status,
      text: 'No response',
      meaning:
        'No HTTP response: the request failed at the network level, was blocked, or was cancelled.',
      source: 'rfc',
    };
  }
  if (status < 100 || status > 599) {
    // RFC 9110 §15: a status outside 100–599 is invalid; a client treats it as a server error.
    const base = RFC_STATUSES[500]!;
    return {
      code: status,
      text: RFC_CLASSES[5]!.text,
      meaning: `${status} is not a valid HTTP status (100–599); it is treated as a server error. ${base.meaning}`,
      source: 'rfc',
      cite: 'RFC 9110 §15',
    };
  }
  const rfc = RFC_STATUSES[status];
  const cls = Math.floor(status / 100);
  const exact = own(profile.statuses, String(status));
  if (exact) {
    return {
      code: status,
      text: exact.text ?? rfc?.text ?? RFC_CLASSES[cls]!.text,
      meaning: exact.meaning,
      source: 'profile',
      ...(profile.source ? { cite: profile.source } : {}),
    };
  }
  const base = rfc ?? {
    text: RFC_CLASSES[cls]!.text,
    meaning: `${status} is not a registered status code; it reads as ${cls}00: ${RFC_STATUSES[cls * 100]!.meaning}`,
    cite: RFC_CLASSES[cls]!.cite,
  };
  const classEntry = own(profile.statuses, `${cls}xx`);
  if (classEntry) {
    return {
      code: status,
      text: rfc?.text ?? classEntry.text ?? base.text,
      meaning: `${base.meaning} ${profile.name}: ${classEntry.meaning}`,
      source: 'profile',
      cite: `${profile.source ?? profile.name}; ${base.cite}`,
    };
  }
  return { code: status, text: base.text, meaning: base.meaning, source: 'rfc', cite: base.cite };
}

/** User profile JSON: a profile, an array of them, or `{ "profiles": [...] }`; `extends` names a built-in. */
const UserProfile = z.looseObject({ extends: z.string().optional() });

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** `match` says where a profile applies: a user's own `match` replaces the built-in's wholesale. */
function extend(base: Profile, own: Record<string, unknown>): unknown {
  const merged = deepMerge(base, own) as Record<string, unknown>;
  return own.match === undefined ? merged : { ...merged, match: own.match };
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (Array.isArray(over) || over === null || typeof over !== 'object') return over;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return over;
  // Null-prototype: a user's `__proto__` member is a member, never the merged object's prototype.
  const out = Object.assign(dict<unknown>(), base);
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(own(out, k), v);
  return out;
}

export type ParsedProfiles = { ok: true; profiles: Profile[] } | { ok: false; errors: string[] };

/**
 * Validates user profiles with the built-ins' schema. Errors name the bad field
 * (`profiles[0].rateLimit.limit: …`). `"extends": "hal-problem"` starts from that built-in and
 * overrides what the user gives (objects merged, arrays replaced, `match` replaced whole), e.g.
 * to pin it to a host; the result keeps the user's id.
 */
export function parseUserProfiles(input: unknown): ParsedProfiles {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
    }
  }
  const wrapped = value && typeof value === 'object' && 'profiles' in value;
  if (wrapped && !Array.isArray((value as { profiles: unknown }).profiles))
    return { ok: false, errors: ['profiles: expected an array of profiles'] };
  const list: unknown[] = Array.isArray(value)
    ? value
    : wrapped
      ? (value as { profiles: unknown[] }).profiles
      : [value];
  const errors: string[] = [];
  const profiles: Profile[] = [];
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const at = `profiles[${i}]`;
    const shape = UserProfile.safeParse(raw);
    if (!shape.success) {
      errors.push(`${at}: expected an object`);
      return;
    }
    const { extends: base, ...own } = shape.data;
    let merged: unknown = own;
    if (base !== undefined) {
      const parent = BUILTIN_PROFILES.find((p) => p.id === base);
      if (!parent) {
        errors.push(
          `${at}.extends: unknown built-in profile "${base}" (known: ${BUILTIN_PROFILES.map((p) => p.id).join(', ')})`,
        );
        return;
      }
      merged = extend(parent, own);
    }
    const parsed = Profile.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // A bad record key (statuses."4x4") carries the key schema's own message one level down.
        const message =
          issue.code === 'invalid_key'
            ? (issue.issues[0]?.message ?? issue.message)
            : issue.message;
        errors.push(`${at}${issue.path.length ? `.${pathOf(issue.path)}` : ''}: ${message}`);
      }
      return;
    }
    const id = parsed.data.id;
    if (id === 'generic') errors.push(`${at}.id: "generic" is reserved for the fallback profile`);
    // Replacing a built-in is only allowed by extending that same built-in.
    else if (base !== id && BUILTIN_PROFILES.some((p) => p.id === id)) {
      errors.push(
        `${at}.id: "${id}" is a built-in profile; choose another id or add "extends": "${id}"`,
      );
    } else if (seen.has(id)) errors.push(`${at}.id: duplicate id "${id}"`);
    else {
      seen.add(id);
      profiles.push(parsed.data);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, profiles };
}
