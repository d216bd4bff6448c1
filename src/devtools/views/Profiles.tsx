import { useEffect, useRef, useState } from 'preact/hooks';
import { BUILTIN_PROFILES, parseUserProfiles } from '../../core/profiles/index.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import { USER_PROFILES_KEY } from '../../core/profiles/storage.ts';
import { useEnv, usePanelState } from '../context.ts';
import { OpenApiImport } from './OpenApiImport.tsx';

function ProfileCard({ p, user }: { p: Profile; user?: boolean }) {
  const statuses = Object.entries(p.statuses);
  return (
    <details class="profile" data-testid="profile" data-profile-id={p.id}>
      <summary>
        <strong>{p.name}</strong> <code>{p.id}</code>
        {user ? ' (yours)' : ''}
        {p.match.hosts.length ? ` — ${p.match.hosts.join(', ')}` : ''}
      </summary>
      {p.source ? <p class="source">Source: {p.source}</p> : null}
      {p.rateLimit ? (
        <p>
          Rate limit: {p.rateLimit.limit} per {p.rateLimit.windowSeconds}s ({p.rateLimit.scope})
          {p.rateLimit.note ? ` — ${p.rateLimit.note}` : ''}
        </p>
      ) : null}
      {p.versions.length ? (
        <p>Versions: {p.versions.map((v) => `${v.id}${v.legacy ? ' (legacy)' : ''}`).join(', ')}</p>
      ) : null}
      {statuses.length ? (
        <table>
          <tbody>
            {statuses.map(([code, s]) => (
              <tr key={code}>
                <th>{code}</th>
                <td>
                  {s.text ? `${s.text}: ` : ''}
                  {s.meaning}
                  {s.retry ? ` [retry: ${s.retry}]` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {Object.keys(p.errorCodes).length ? (
        <p>Error codes: {Object.keys(p.errorCodes).join(', ')}</p>
      ) : null}
      {p.notes.map((n, i) => (
        <p key={i} class="note">
          {n}
        </p>
      ))}
    </details>
  );
}

const EXAMPLE = `[
  {
    "id": "my-api",
    "name": "My API",
    "match": { "hosts": ["api.example.com"] },
    "statuses": { "409": { "meaning": "The resource is being provisioned; wait and retry.", "retry": "wait" } },
    "rateLimit": { "limit": 60, "windowSeconds": 60 }
  }
]`;

/** Built-in profiles (read-only) and the user's own, edited as JSON and validated inline. */
export function Profiles() {
  const { store, storage, compileOpenApi } = useEnv();
  const state = usePanelState();
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState(false);
  const typed = useRef(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    storage.get<unknown>(USER_PROFILES_KEY).then((v) => {
      // What the user typed before storage answered is theirs: the stored text must not undo it.
      if (!typed.current) setText(v === undefined ? '' : JSON.stringify(v, null, 2));
      setLoaded(true);
    });
  }, [storage]);

  const save = async () => {
    setSaved(false);
    let value: unknown = [];
    if (text.trim() !== '') {
      try {
        value = JSON.parse(text);
      } catch (e) {
        setErrors([`Not valid JSON: ${(e as Error).message}`]);
        return;
      }
    }
    const parsed = parseUserProfiles(value);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors([]);
    await storage.set(USER_PROFILES_KEY, value);
    store.setUserProfiles(parsed.profiles);
    setSaved(true);
  };

  return (
    <div class="profiles" data-testid="profiles-view">
      <OpenApiImport {...(compileOpenApi ? { compile: compileOpenApi } : {})} />
      <section>
        <h3>Your profiles</h3>
        <p class="note">
          A JSON array of profiles, tried before the built-ins. Stored in extension storage and used
          by the panel, the popup and exports.
        </p>
        <textarea
          data-testid="profiles-editor"
          data-loaded={loaded ? '1' : undefined}
          spellcheck={false}
          rows={14}
          placeholder={EXAMPLE}
          value={text}
          onInput={(e) => {
            typed.current = true;
            setText((e.currentTarget as HTMLTextAreaElement).value);
            setSaved(false);
          }}
        />
        <div>
          <button type="button" data-testid="profiles-save" onClick={save}>
            Save
          </button>
          {saved ? <span class="ok"> Saved.</span> : null}
        </div>
        {errors.length ? (
          <ul class="errors" role="alert" data-testid="profiles-errors">
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        ) : null}
        {state.userProfiles
          .filter((p) => !p.openapi)
          .map((p) => (
            <ProfileCard key={p.id} p={p} user />
          ))}
      </section>
      <section>
        <h3>Built-in profiles</h3>
        {BUILTIN_PROFILES.map((p: Profile) => (
          <ProfileCard key={p.id} p={p} />
        ))}
      </section>
    </div>
  );
}
