import { useState } from 'preact/hooks';
import { loadOpenApi } from '../../core/openapi/load.ts';
import { serverSummary } from '../../core/openapi/router.ts';
import { parseUserProfiles } from '../../core/profiles/index.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import { USER_PROFILES_KEY } from '../../core/profiles/storage.ts';
import { useEnv, usePanelState } from '../context.ts';
import type { CompileOpenApi } from '../openapi-client.ts';

/**
 * "Import OpenAPI…": a file (picker or drag and drop) is compiled in a worker into a compact
 * profile, which is stored with the user's profiles in storage.local (the document itself is
 * not kept). Storing goes through the user-profile path, so the panel, the popup and the
 * background all pick it up, and a later import of the same API replaces the earlier one.
 */

/** What was loaded: title, version, operations, hosts, and what was skipped and why. */
export function OpenApiCard({ p }: { p: Profile }) {
  const o = p.openapi;
  if (!o) return null;
  const keys = [...p.keyHeaders, ...p.keyQueryParams, ...p.keyCookies];
  return (
    <details class="profile openapi" data-testid="openapi-profile" data-profile-id={p.id} open>
      <summary>
        <strong data-testid="openapi-title">{o.title}</strong>{' '}
        <span data-testid="openapi-version">{o.version}</span> <code>{p.id}</code> — OpenAPI{' '}
        {o.openapi}, <span data-testid="openapi-operations">{o.operations.length} operations</span>
      </summary>
      <p data-testid="openapi-hosts">Servers: {serverSummary(o).join(', ')}</p>
      {keys.length ? <p>API keys (redacted, key the rate counter): {keys.join(', ')}</p> : null}
      {o.skipped.length ? (
        <div data-testid="openapi-skipped">
          <p>Skipped ({o.skipped.length}):</p>
          <ul>
            {o.skipped.slice(0, 50).map((s, i) => (
              <li key={i}>
                <code>{s.at}</code>: {s.reason}
              </li>
            ))}
            {o.skipped.length > 50 ? <li>… and {o.skipped.length - 50} more</li> : null}
          </ul>
        </div>
      ) : (
        <p>Nothing skipped.</p>
      )}
    </details>
  );
}

/** Replaces (same id) or adds `profile` in the stored list, validated like any user profile. */
export function withProfile(
  stored: unknown,
  profile: Profile,
): { value: unknown[]; profiles: Profile[] } | { error: string } {
  const list = Array.isArray(stored) ? stored : stored === undefined ? [] : [stored];
  const value = [...list.filter((p) => (p as { id?: unknown })?.id !== profile.id), profile];
  const parsed = parseUserProfiles(value);
  if (!parsed.ok) return { error: `your saved profiles do not validate: ${parsed.errors[0]}` };
  return { value, profiles: parsed.profiles };
}

const direct: CompileOpenApi = async (text, now) => loadOpenApi(text, now);

export function OpenApiImport({ compile = direct }: { compile?: CompileOpenApi }) {
  const { store, storage, clock } = useEnv();
  const state = usePanelState();
  const [status, setStatus] = useState<{ kind: 'busy' | 'error' | 'ok'; text: string }>();
  const [over, setOver] = useState(false);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setStatus({ kind: 'busy', text: `Loading ${file.name}…` });
    const result = await compile(await file.text(), clock());
    if (!result.ok) {
      setStatus({ kind: 'error', text: `${file.name}: ${result.error}` });
      return;
    }
    const next = withProfile(await storage.get<unknown>(USER_PROFILES_KEY), result.profile);
    if ('error' in next) {
      setStatus({ kind: 'error', text: `${file.name}: ${next.error}` });
      return;
    }
    await storage.set(USER_PROFILES_KEY, next.value);
    store.setUserProfiles(next.profiles);
    const o = result.profile.openapi!;
    setStatus({
      kind: 'ok',
      text: `Imported ${o.title} ${o.version}: ${o.operations.length} operations.`,
    });
  };

  const documents = state.userProfiles.filter((p) => p.openapi);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the file input is the keyboard path
    <section
      class={`openapi-import${over ? ' drop' : ''}`}
      data-testid="openapi-import"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void importFile(e.dataTransfer?.files?.[0]);
      }}
    >
      <h3>OpenAPI documents</h3>
      <p class="note">
        OpenAPI 3.0 or 3.1, JSON or YAML. Requests that match an operation show it, its documented
        status and a check of the body against the documented schema. The most recent import wins
        where documents overlap. Drop a file here, or:
      </p>
      <label class="import">
        Import OpenAPI…
        <input
          type="file"
          data-testid="import-openapi"
          accept=".json,.yaml,.yml,application/json,application/yaml"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            input.value = '';
            void importFile(file);
          }}
        />
      </label>
      {status ? (
        <p
          class={status.kind === 'error' ? 'import-error' : 'ok'}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="openapi-status"
          data-kind={status.kind}
        >
          {status.text}
        </p>
      ) : null}
      {[...documents].reverse().map((p) => (
        <OpenApiCard key={p.id} p={p} />
      ))}
    </section>
  );
}
