import type { Har } from 'har-format';
import { useState } from 'preact/hooks';
import { annotateHar } from '../../core/har/annotate.ts';
import { parseHar } from '../../core/har/parse.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import { GENERATOR } from '../../core/version.ts';
import { useEnv } from '../context.ts';
import type { Row } from '../store.ts';
import { Toggle } from './Toggle.tsx';

/**
 * The annotated HAR of `rows`, redacted unless `secrets` (the core decides what is secret).
 * The file is annotated exactly as `apilens annotate` would annotate it (annotateHar: a fresh
 * engine, entries counted in start-time order), so the two always agree on the same file, even
 * when concurrent requests finished out of order in the live session.
 */
export function exportText(
  rows: readonly Row[],
  secrets: boolean,
  userProfiles: readonly Profile[],
): string {
  const har: Har = {
    log: {
      version: '1.2',
      creator: { name: GENERATOR.name, version: GENERATOR.version },
      entries: rows.map((r) => r.entry),
    },
  };
  return JSON.stringify(
    annotateHar(har, { redact: !secrets, userProfiles: [...userProfiles] }),
    null,
    2,
  );
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
    const rows = scope === 'all' ? store.trafficRows() : store.visibleRows();
    download(
      `apilens-${stamp(clock())}${secrets ? '-with-secrets' : ''}.har`,
      exportText(rows, secrets, store.getState().userProfiles),
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
      <button
        type="button"
        data-testid="export-har"
        data-secrets={String(secrets)}
        onClick={doExport}
      >
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
