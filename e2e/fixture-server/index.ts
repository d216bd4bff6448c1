import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { aurora } from './aurora.ts';
import { evrythng } from './evrythng.ts';
import { halProblem } from './hal-problem.ts';
import { CORS_HEADERS, type FixtureRequest, type Handler, json, send } from './http.ts';
import { neo4jAura } from './neo4j-aura.ts';

/**
 * The fixture API server: one port on loopback that answers as each seed API, chosen by the
 * Host header, so Chromium's --host-resolver-rules can send the providers' real host names to
 * it, and a demo page (demo.apilens.test) whose buttons play each scenario.
 */
export const DEMO_HOST = 'demo.apilens.test';

interface Api {
  hosts: string[];
  handle: Handler;
  reset(): void;
  requestIds?: boolean;
}

const DEMO_DIR = join(import.meta.dirname, 'demo');
const DEMO_FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/demo.js': 'demo.js',
  '/demo.css': 'demo.css',
  '/burst.html': 'burst.html',
  '/burst.js': 'burst.js',
};
const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript',
  css: 'text/css',
};

// The demo page runs under a strict CSP (no inline script or style), as a real app page might;
// it may only call out, to the API hosts on any port.
const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src http: https:; base-uri 'none'; form-action 'none'";
// The burst page navigates by submitting a form to itself, on this host or another page host.
const BURST_CSP = DEMO_CSP.replace("form-action 'none'", 'form-action http:');

export interface FixtureServer {
  port: number;
  /** The demo page. */
  url: string;
  /** Host name → port, for launchExtension's --host-resolver-rules. */
  hosts: Record<string, number>;
  close(): Promise<void>;
  /** Forgets rate-limit windows and created resources. */
  reset(): void;
}

export const FIXTURE_HOSTS: readonly string[] = [
  DEMO_HOST,
  ...[aurora(), neo4jAura(), halProblem(), evrythng()].flatMap((a) => a.hosts),
];

function readBody(req: IncomingMessage, max = 2 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFixtureServer(
  options: { port?: number; host?: string; clock?: () => number } = {},
): Promise<FixtureServer> {
  const clock = options.clock ?? Date.now;
  const apis: Api[] = [aurora(), neo4jAura(), halProblem(), evrythng()];
  const byHost = new Map(apis.flatMap((a) => a.hosts.map((h) => [h, a] as const)));
  let seq = 0;

  const server = createServer(async (req, res) => {
    try {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(req.url ?? '/', 'http://x');
      const api = byHost.get(host);
      const requestId = `req-${(++seq).toString(16).padStart(8, '0')}`;
      // CORS preflight (Fetch standard): the demo page calls the API hosts cross-origin.
      if (req.method === 'OPTIONS') {
        const asked = req.headers['access-control-request-headers'];
        res.writeHead(204, {
          ...CORS_HEADERS,
          ...(asked ? { 'Access-Control-Allow-Headers': asked } : {}),
          ...(api?.requestIds ? { 'X-Request-Id': requestId } : {}),
        });
        res.end();
        return;
      }
      if (host === DEMO_HOST || host === '127.0.0.1' || host === 'localhost') {
        const file = DEMO_FILES[url.pathname];
        if (!file) return send(res, json(404, { error: 'not found' }));
        const text = readFileSync(join(DEMO_DIR, file), 'utf8');
        return send(res, {
          status: 200,
          body: text,
          type: MIME[file.split('.').pop()!]!,
          headers: { 'Content-Security-Policy': file === 'burst.html' ? BURST_CSP : DEMO_CSP },
        });
      }
      if (!api) return send(res, json(404, { error: `no fixture API answers for host "${host}"` }));
      const fr: FixtureRequest = {
        method: req.method ?? 'GET',
        host,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: await readBody(req),
        now: clock(),
        requestId,
      };
      const r = api.handle(fr);
      if (api.requestIds) r.headers = { 'X-Request-Id': fr.requestId, ...r.headers };
      send(res, r);
    } catch (e) {
      send(res, json(500, { error: `fixture server: ${(e as Error).message}` }));
    }
  });

  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new Error(`port ${port} is already in use; pass --port or free it`)
          : e,
      ),
    );
    server.listen(port, options.host ?? '127.0.0.1', resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://${DEMO_HOST}:${actual}/`,
    hosts: Object.fromEntries(FIXTURE_HOSTS.map((h) => [h, actual])),
    reset: () => {
      for (const a of apis) a.reset();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
