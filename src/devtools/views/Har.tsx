import { useState } from 'preact/hooks';
import { useEnv } from '../context.ts';
import { Toggle } from './Toggle.tsx';

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

/**
 * Export (all or the filtered rows, redacted by default; an imported session exported whole is
 * its file, annotated) and import of HAR files. Both run in
 * the panel's worker (jobs.ts): the export is annotated exactly as `apilens annotate` would
 * annotate it (annotateHar: a fresh engine, entries counted in start-time order), so the two
 * always agree on the same file; the import is parsed, validated and annotated there too.
 */
export function HarControls() {
  const { store, download, clock, jobs } = useEnv();
  const [secrets, setSecrets] = useState(false);
  const [scope, setScope] = useState<'all' | 'filtered'>('all');
  const [importError, setImportError] = useState<string | undefined>();

  const doExport = async () => {
    const rows = scope === 'all' ? store.trafficRows() : store.visibleRows();
    const name = `apilens-${stamp(clock())}${secrets ? '-with-secrets' : ''}.har`;
    // Every row of an imported session: its file, annotated, so nothing in it is lost.
    const session = store.session();
    const whole = session.file && rows.length === session.rows.length ? session.file : undefined;
    let out = await jobs.exportHar(rows, secrets, whole);
    // A file changed or moved on disk since its import cannot be read again: export the rows.
    if (!out.ok && !out.cancelled && whole) out = await jobs.exportHar(rows, secrets);
    if (out.ok) download(name, out.value, 'application/json');
    else if (!out.cancelled) setImportError(`Export failed: ${out.error}`);
  };

  const doImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    input.value = '';
    setImportError(undefined);
    const out = await jobs.importHar(file.name, file);
    if (!out.ok && !out.cancelled) setImportError(`${file.name}: ${out.error}`);
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
      <button
        type="button"
        data-testid="export-har"
        data-secrets={String(secrets)}
        onClick={() => void doExport()}
      >
        Export HAR
      </button>
      <label class="import">
        Import HAR
        <input
          type="file"
          data-testid="import-har"
          accept=".har,.json,application/json"
          onChange={(e) => void doImport(e.currentTarget as HTMLInputElement)}
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
