import { useMemo } from 'preact/hooks';
import { errorGroup } from '../../core/har/summary.ts';
import { useEnv, usePanelState } from '../context.ts';
import { clockTime, statusClassName } from '../format.ts';
import type { Row } from '../store.ts';

export interface Group {
  key: string;
  method: string;
  endpoint: string;
  status: number;
  message: string;
  profile: string;
  ids: Set<number>;
  first: number;
  last: number;
}

/** Groups error rows as `log._apiLens.errorGroups` does (core `errorGroup`), keeping every row id. */
export function groupErrors(rows: readonly Row[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    if (!r.ann.error) continue;
    const { key, method, endpoint, message } = errorGroup(r.method, r.url, r.ann);
    const g = groups.get(key);
    if (g) {
      g.ids.add(r.id);
      g.first = Math.min(g.first, r.at);
      g.last = Math.max(g.last, r.at);
    } else {
      groups.set(key, {
        key,
        method,
        endpoint,
        status: r.status,
        message,
        profile: r.profile,
        ids: new Set([r.id]),
        first: r.at,
        last: r.at,
      });
    }
  }
  return [...groups.values()].sort((a, b) => b.ids.size - a.ids.size || a.first - b.first);
}

export function ErrorGroups() {
  const { store } = useEnv();
  const session = store.session();
  const state = usePanelState();
  // API rows only unless "All traffic" (the list's own rule), so a group's count is its rows'.
  const groups = useMemo(
    () => groupErrors(store.trafficRows()),
    [session, session.version, state.allTraffic],
  );
  return (
    <div class="groups" data-testid="groups-view">
      {groups.length === 0 ? <p class="empty">No errors in this session.</p> : null}
      <table>
        <thead>
          <tr>
            <th>Count</th>
            <th>Endpoint</th>
            <th>Status</th>
            <th>Message</th>
            <th>Profile</th>
            <th>First seen</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr
              key={g.key}
              class="group"
              data-testid="error-group"
              tabIndex={0}
              onClick={() =>
                store.setGroup({ label: `${g.method} ${g.endpoint} ${g.status}`, ids: g.ids })
              }
              onKeyDown={(e) => {
                if (e.key === 'Enter')
                  store.setGroup({ label: `${g.method} ${g.endpoint} ${g.status}`, ids: g.ids });
              }}
            >
              <td>{g.ids.size}</td>
              <td>
                {g.method} {g.endpoint}
              </td>
              <td class={statusClassName(g.status)}>{g.status || '—'}</td>
              <td>{g.message}</td>
              <td>{g.profile}</td>
              <td>{clockTime(g.first)}</td>
              <td>{clockTime(g.last)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
