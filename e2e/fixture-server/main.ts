/** `tsx e2e/fixture-server/main.ts [--port 8787] [--host 127.0.0.1]`: the fixture APIs and demo page. */
import { parseArgs } from 'node:util';
import { FIXTURE_HOSTS, startFixtureServer } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
try {
  const server = await startFixtureServer({ port: Number(values.port), host: values.host });
  console.log(`fixture APIs on ${values.host}:${server.port}; demo page ${server.url}`);
  const rules = FIXTURE_HOSTS.map((h) => `MAP ${h} ${values.host}:${server.port}`).join(',');
  console.log(`start Chromium with --host-resolver-rules="${rules}"`);
} catch (e) {
  console.error(`fixture server: ${(e as Error).message}`);
  process.exit(1);
}
