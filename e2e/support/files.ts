import type { RemoteTarget } from './devtools.ts';

/** Characters per CDP evaluate: a 44 MB HAR goes over in pieces, not one giant expression. */
const PIECE = 1 << 20;

/**
 * Builds a File in the panel page from `text`, sent in pieces, under a test-only global the
 * page never reads (`globalThis.__apilensTestFile`): files too large for one expression.
 */
export async function stageFile(panel: RemoteTarget, name: string, text: string): Promise<void> {
  await panel.evaluate(`globalThis.__apilensTestParts = []`);
  for (let i = 0; i < text.length; i += PIECE) {
    await panel.evaluate(
      `globalThis.__apilensTestParts.push(${JSON.stringify(text.slice(i, i + PIECE))})`,
    );
  }
  await panel.evaluate(`(() => {
    globalThis.__apilensTestFile = new File(globalThis.__apilensTestParts, ${JSON.stringify(name)}, { type: 'application/json' });
    delete globalThis.__apilensTestParts;
  })()`);
}

/** Gives the staged file to the "Import HAR" input, as a user choosing it in the file dialog. */
export const PICK_STAGED = `(() => {
  const dt = new DataTransfer();
  dt.items.add(globalThis.__apilensTestFile);
  const el = document.querySelector('[data-testid="import-har"]');
  el.files = dt.files;
  el.dispatchEvent(new Event('change', { bubbles: true }));
})()`;

/** Stages `text` as a file and picks it in "Import HAR". */
export async function pickLargeFile(panel: RemoteTarget, name: string, text: string) {
  await stageFile(panel, name, text);
  await panel.evaluate(PICK_STAGED);
}
