/**
 * `npm run bench`, OpenAPI part: annotate/parse with a large real document loaded (authentik
 * 2026.2.2, 1,113 operations; goal ≤ 2.0), a tenth of the requests rewritten onto its operations
 * (routed, documented status looked up, bodies validated), and the router's cost per request
 * with 1,113 operations against 8 (O(path segments): about the same).
 *
 * Ratios are of CPU time (process.cpuUsage: this process's user + system time, GC threads
 * included), with the wall-clock ratio beside them: on the shared machine (load 5–10 on two
 * cores) wall time mostly measures the other processes, and the same run gave 1.2 and 2.2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from 'har-format';
import { createEngine } from '../src/core/engine.ts';
import { loadOpenApi } from '../src/core/openapi/load.ts';
import { createProfileSet } from '../src/core/profiles/index.ts';
import type { Profile } from '../src/core/profiles/schema.ts';
import { generateHar } from './generate.ts';
import { measure, median } from './measure.ts';

const ROUNDS = 7;

function load(root: string, file: string): Profile {
  const r = loadOpenApi(readFileSync(join(root, 'fixtures/openapi', file), 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.profile;
}

// Real operations of the document (its server is the relative `/api/v3`: any host).
const BASE = 'https://auth.example.com/api/v3';
const PATHS = [
  '/core/users/42/',
  '/core/applications/',
  '/flows/instances/default-authentication-flow/',
  '/events/events/',
  '/core/users/me/',
];

export function openapiBench(root: string, count = 20_000): number {
  const big = load(root, 'authentik-2026.2.2-3.0.yaml');
  const museum = load(root, 'museum-3.1.yaml');
  const ops = big.openapi!.operations.length;
  const entries: Entry[] = generateHar(count, 11).log.entries.map((e, i) =>
    i % 10 === 0
      ? {
          ...e,
          request: { ...e.request, method: 'GET', url: `${BASE}${PATHS[(i / 10) % PATHS.length]}` },
        }
      : e,
  );
  const parse = () => {
    for (const e of entries) {
      try {
        JSON.parse(e.response.content.text ?? '');
      } catch {
        // the attempt is the baseline's cost
      }
    }
  };
  let matched = 0;
  const annotate = (userProfiles: Profile[]) => {
    const engine = createEngine({ userProfiles });
    matched = 0;
    for (const e of entries) if (engine.annotate(e).operation) matched++;
  };
  parse();
  annotate([big]);
  if (matched !== count / 10) throw new Error(`${matched} requests matched, not ${count / 10}`);
  const p: { cpu: number; wall: number }[] = [];
  const a: typeof p = [];
  const without: typeof p = [];
  for (let i = 0; i < ROUNDS; i++) {
    p.push(measure(parse));
    a.push(measure(() => annotate([big])));
    without.push(measure(() => annotate([])));
  }
  const ratio = (x: typeof p, y: typeof p, k: 'cpu' | 'wall') =>
    median(x.map((m) => m[k])) / median(y.map((m) => m[k]));
  const withDoc = ratio(a, p, 'cpu');
  console.log(
    `\nOpenAPI: ${entries.length} entries with ${big.openapi!.title} ${big.openapi!.version} loaded (${ops} operations), a tenth on its operations`,
  );
  console.log(
    `annotate/parse with the document loaded: ${withDoc.toFixed(2)} CPU time (goal ≤ 2.00; wall clock ${ratio(a, p, 'wall').toFixed(2)})`,
  );
  console.log(
    `annotate/parse without it: ${ratio(without, p, 'cpu').toFixed(2)}; with / without: ${ratio(a, without, 'cpu').toFixed(2)} (wall ${ratio(a, without, 'wall').toFixed(2)})`,
  );

  // Routing alone: a four-segment path against the large and the small document.
  const route = (profile: Profile, url: string) => {
    const set = createProfileSet([profile]);
    if (!set.match({ url, method: 'GET' }).operation) throw new Error(`${url} did not match`);
    return (
      measure(() => {
        for (let i = 0; i < 100_000; i++) set.match({ url, method: 'GET' });
      }).cpu / 100_000
    );
  };
  route(big, `${BASE}/core/users/42/`);
  const tBig = route(big, `${BASE}/core/users/42/`);
  const tSmall = route(
    museum,
    'https://redocly.com/_mock/docs/openapi/museum-api/special-events/7',
  );
  console.log(
    `match: ${(tBig * 1000).toFixed(2)} µs/request with ${ops} operations, ${(tSmall * 1000).toFixed(2)} µs with ${museum.openapi!.operations.length} (ratio ${(tBig / tSmall).toFixed(2)}: O(path segments), not O(operations))`,
  );
  return withDoc;
}
