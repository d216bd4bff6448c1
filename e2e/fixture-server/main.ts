/** `tsx e2e/fixture-server/main.ts [--port 8787]`: runs the fixture APIs and the demo page. */
import { parseArgs } from 'node:util';
import { FIXTURE_HOSTS, startFixtureServer } from './index.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' } } });
try {
  const server = await startFixtureServer({ port: Number(values.port) });
  console.log(`fixture APIs on 127.0.0.1:${server.port}; demo page ${server.url}`);
  console.log(`map these hosts to it: ${FIXTURE_HOSTS.join(', ')}`);
} catch (e) {
  console.error(`fixture server: ${(e as Error).message}`);
  process.exit(1);
}
