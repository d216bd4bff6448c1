import { useState } from 'preact/hooks';
import { createEngine } from '../../core/engine.ts';
import { buildHar } from '../../core/har/annotate.ts';
import { parseHar } from '../../core/har/parse.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import { useEnv } from '../context.ts';
import type { Row } from '../store.ts';
import { Toggle } from './Toggle.tsx';

/**
 * The annotated HAR of `rows`, redacted unless `secrets` (the core decides what is secret).
 * Every entry of the session is re-annotated by a fresh engine in start-time order, exactly as
 * `apilens annotate` does, so the file equals the CLI's output for the same traffic even when
 * concurrent requests finished out of order; `rows` (all, or the filtered ones) are then written.
 */
export function exportText(
  session: readonly Row[],
  rows: readonly Row[],
  secrets: boolean,
  userProfiles: readonly Profile[],
): string {
  const engine = createEngine({ userProfiles });
  const byStart = [...session].sort((a, b) => a.at - b.at || a.id - b.id);
  const annotations = new Map(byStart.map((r) => [r.id, engine.annotate(r.entry)]));
  const har = buildHar(
    rows.map((r) => ({ entry: r.entry, annotation: annotations.get(r.id) ?? r.ann })),
    { redact: !secrets },
  );
  return JSON.stringify(har, null, 2);
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

/** Export (all or the filtered rows, redacted by default) and import of HAR files. */
export function HarControls() {
  const { store, download, clock } = useEnv();
  const [secrets, setSecrets] = useState(false);
  const [scope, setScope] = useState<'all' | 'filtered'>('all');
  const [importError, setImportError] = useState<string | undefined>();

  const doExport = () => {
    const all = store.session().rows;
    const rows = scope === 'all' ? all : store.visibleRows();
    download(
      `apilens-${stamp(clock())}${secrets ? '-with-secrets' : ''}.har`,
      exportText(all, rows, secrets, store.getState().userProfiles),
      'application/json',
    );
  };

  const doImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    const parsed = parseHar(await file.text());
    if (!parsed.ok) {
      setImportError(`${file.name}: ${parsed.error}`);
      return;
    }
    setImportError(undefined);
    store.importSession(file.name, parsed.har.log.entries);
  };

  return (
    <div class="har">
      <select
        aria-label="Export scope"
        value={scope}
        onChange={(e) =>
          setScope((e.currentTarget as HTMLSelectElement).value as 'all' | 'filtered')
        }
      >
        <option value="all">All entries</option>
        <option value="filtered">Filtered entries</option>
      </select>
      <Toggle
        label="Include secrets"
        testid="export-secrets"
        title="Credentials (Authorization, cookies, API keys, tokens) are redacted unless ticked"
        checked={secrets}
        onChange={setSecrets}
      />
      <button type="button" data-testid="export-har" onClick={doExport}>
        Export HAR
      </button>
      <label class="import">
        Import HAR
        <input
          type="file"
          data-testid="import-har"
          accept=".har,.json,application/json"
          onChange={(e) => doImport(e.currentTarget as HTMLInputElement)}
        />
      </label>
      {importError ? (
        <span class="import-error" role="alert" data-testid="import-error">
          {importError}
        </span>
      ) : null}
    </div>
  );
}
