import { ALL_HOSTS } from '../background/permissions.ts';
import type { PermissionState } from '../core/messages.ts';
import type { PermissionsApi } from '../platform/types.ts';

/**
 * Least privilege: the background sees no host until the user grants it. permissions.request
 * must run inside the click (a user gesture), so it is called directly from the handler.
 */
export function PermissionPrompt({
  state,
  permissions,
  onChanged,
}: {
  state: PermissionState;
  permissions: PermissionsApi;
  onChanged: () => void;
}) {
  if (state.profileHostsGranted || state.allHostsGranted) return null;
  const ask = (origins: string[]) => () => {
    void permissions.request(origins).then(onChanged, onChanged);
  };
  return (
    <section class="permission" aria-labelledby="perm-h" data-testid="permission">
      <h2 id="perm-h">Allow API Lens to see API traffic</h2>
      <p>The summary needs access to the API hosts. The DevTools panel works without it.</p>
      <button type="button" class="primary" onClick={ask(state.profileHosts)}>
        Allow the known API hosts
      </button>{' '}
      <button type="button" onClick={ask(ALL_HOSTS)}>
        Allow all sites
      </button>
      <details>
        <summary>Which hosts?</summary>
        <ul class="hosts">
          {state.profileHosts.map((h) => (
            <li key={h}>
              <code>{h}</code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
