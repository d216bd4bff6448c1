import { documentedResponse } from '../core/openapi/annotate.ts';
import { loadOpenApi } from '../core/openapi/load.ts';
import { serverSummary } from '../core/openapi/router.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { CliError, readInput } from './io.ts';

/** The CLI's side of OpenAPI documents: loading `--openapi` files and describing them. */

/** Each --openapi document compiled to a profile, in the order given (the first match wins). */
export function loadOpenApiFiles(paths: readonly string[] = []): Profile[] {
  const out: Profile[] = [];
  for (const path of paths) {
    const r = loadOpenApi(readInput(path));
    if (!r.ok) throw new CliError(`${path === '-' ? 'standard input' : path}: ${r.error}`);
    // Two documents with one title still both count: ids stay distinct.
    let id = r.profile.id;
    for (let n = 2; out.some((p) => p.id === id); n++) id = `${r.profile.id}-${n}`;
    out.push({ ...r.profile, id });
  }
  return out;
}

/** What was loaded: title, version, operation count, hosts, and what was skipped and why. */
export function describeLoaded(profile: Profile): string[] {
  const o = profile.openapi;
  if (!o) return [];
  const lines = [
    `Loaded ${o.title} ${o.version} (OpenAPI ${o.openapi}): ${o.operations.length} operations`,
    `Servers: ${serverSummary(o).join(', ')}`,
  ];
  const keys = [...profile.keyHeaders, ...profile.keyQueryParams, ...profile.keyCookies];
  if (keys.length) lines.push(`API keys (redacted, key the rate counter): ${keys.join(', ')}`);
  if (o.skipped.length) {
    lines.push(`Skipped (${o.skipped.length}):`);
    for (const s of o.skipped.slice(0, 20)) lines.push(`  ${s.at}: ${s.reason}`);
    if (o.skipped.length > 20) lines.push(`  … and ${o.skipped.length - 20} more`);
  }
  return lines;
}

/** For a profile compiled from OpenAPI: the operations that document `code` for `method`. */
export function documentedBy(profile: Profile, code: number, method: string): string[] {
  const ops = profile.openapi?.operations.filter((o) => o.method === method) ?? [];
  const lines: string[] = [];
  for (const op of ops) {
    const r = documentedResponse(op, code);
    if (!r) continue;
    if (lines.length === 10) {
      lines.push('…');
      break;
    }
    const name = op.id ? `${op.id} — ${op.method} ${op.path}` : `${op.method} ${op.path}`;
    lines.push(`${name} (responses.${r.status}): ${r.description.replace(/\s+/g, ' ').trim()}`);
  }
  return lines.length ? ['', `Documented by ${profile.name} (${method}):`, ...lines] : [];
}
