import type { PermissionState } from '../core/messages.ts';
import { ALL_HOSTS } from '../core/profiles/hosts.ts';
import type { PermissionsApi } from '../platform/types.ts';

/**
 * Least privilege: the background sees no host until the user grants it. permissions.request
 * must run inside the click (a user gesture), so it is called directly from the handler.
 */
export interface Site {
  /** Match pattern of the current page's host. */
  pattern: string;
  granted: boolean;
}

export function PermissionPrompt({
  state,
  site,
  permissions,
  onChanged,
}: {
  state: PermissionState;
  site?: Site | undefined;
  permissions: PermissionsApi;
  onChanged: () => void;
}) {
  const siteMissing = site !== undefined && !site.granted;
  if (state.allHostsGranted || (state.profileHostsGranted && !siteMissing)) return null;
  const known = [...state.profileHosts, ...(siteMissing ? [site.pattern] : [])];
  const ask = (origins: string[]) => () => {
    void permissions.request(origins).then(onChanged, onChanged);
  };
  return (
    <section class="permission" aria-labelledby="perm-h" data-testid="permission">
      <h2 id="perm-h">Allow API Lens to see API traffic</h2>
      <p>
        The summary needs access to the API hosts
        {siteMissing ? ' and to this page (Chromium reports a page’s calls only then)' : ''}. The
        DevTools panel works without it.
      </p>
      <button type="button" class="primary" onClick={ask(known)}>
        {siteMissing ? 'Allow the known API hosts and this site' : 'Allow the known API hosts'}
      </button>{' '}
      <button type="button" onClick={ask(ALL_HOSTS)}>
        Allow all sites
      </button>
      <details>
        <summary>Which hosts?</summary>
        <ul class="hosts">
          {known.map((h) => (
            <li key={h}>
              <code>{h}</code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
