/**
 * `tsx scripts/provision.ts chromium [firefox]`: run by `npm start` and `npm test` before
 * anything needs a browser. Finds each one, or installs it and says how (scripts/provision-lib.ts).
 */
import { BROWSERS, type BrowserName, ensureBrowser, nodeSystem } from './provision-lib.ts';

const names = process.argv.slice(2) as BrowserName[];
const unknown = names.filter((n) => !(n in BROWSERS));
if (!names.length || unknown.length) {
  console.error('usage: tsx scripts/provision.ts chromium [firefox]');
  process.exit(2);
}
try {
  for (const n of names) {
    const { path, how } = ensureBrowser(nodeSystem(), n);
    console.log(`provision: ${BROWSERS[n].label}: ${path} (${how})`);
  }
} catch (e) {
  console.error(`provision: ${(e as Error).message}`);
  process.exit(1);
}
