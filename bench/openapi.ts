/**
 * `npm run bench`, OpenAPI part: annotate/parse with a large real document loaded (GitHub
 * Enterprise Server 3.4, 784 operations; goal ≤ 2.0), a tenth of the requests rewritten onto
 * its operations (routed, documented status looked up, bodies validated), and the router's cost
 * per request with 784 operations against 8 (O(path segments): about the same).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Entry } from 'har-format';
import { createEngine } from '../src/core/engine.ts';
import { loadOpenApi } from '../src/core/openapi/load.ts';
import { createProfileSet } from '../src/core/profiles/index.ts';
import type { Profile } from '../src/core/profiles/schema.ts';
import { generateHar } from './generate.ts';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function load(root: string, file: string): Profile {
  const r = loadOpenApi(readFileSync(join(root, 'fixtures/openapi', file), 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.profile;
}

const GITHUB_PATHS = [
  '/repos/o/r/issues/1',
  '/repos/o/r/pulls',
  '/users/octocat',
  '/orgs/acme/members',
];

export function openapiBench(root: string, count = 20_000): number {
  const github = load(root, 'github-ghes-3.4.json');
  const museum = load(root, 'museum-3.1.yaml');
  const entries: Entry[] = generateHar(count, 11).log.entries.map((e, i) =>
    i % 10 === 0
      ? {
          ...e,
          request: {
            ...e.request,
            method: 'GET',
            url: `https://ghe.example.com/api/v3${GITHUB_PATHS[i % GITHUB_PATHS.length]}`,
          },
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
  const annotate = (userProfiles: Profile[]) => {
    const engine = createEngine({ userProfiles });
    for (const e of entries) engine.annotate(e);
  };
  parse();
  annotate([github]);
  const p: number[] = [];
  const a: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    parse();
    p.push(performance.now() - t);
    t = performance.now();
    annotate([github]);
    a.push(performance.now() - t);
    t = performance.now();
    annotate([]);
    without.push(performance.now() - t);
  }
  const ratio = median(a) / median(p);
  console.log(
    `\nOpenAPI: ${entries.length} entries with ${github.openapi!.title} loaded (${github.openapi!.operations.length} operations), a tenth on its operations`,
  );
  console.log(`annotate/parse with the document loaded: ${ratio.toFixed(2)} (goal ≤ 2.00)`);
  console.log(`annotate with / without the document: ${(median(a) / median(without)).toFixed(2)}`);

  // Routing alone: the same 4 request paths against 784 and 8 operations.
  const route = (profile: Profile, url: string) => {
    const set = createProfileSet([profile]);
    const t = performance.now();
    for (let i = 0; i < 100_000; i++) set.match({ url, method: 'GET' });
    return (performance.now() - t) / 100_000;
  };
  const big = route(github, 'https://ghe.example.com/api/v3/repos/o/r/issues/1');
  const small = route(museum, 'https://redocly.com/_mock/docs/openapi/museum-api/museum-hours');
  console.log(
    `match: ${(big * 1000).toFixed(2)} µs/request with 784 operations, ${(small * 1000).toFixed(2)} µs with 8 (ratio ${(big / small).toFixed(2)}: O(path segments), not O(operations))`,
  );
  return ratio;
}
