import { useEnv } from '../../context.ts';
import { statusClassName } from '../../format.ts';
import type { Row } from '../../store.ts';

export function StatusSection({ row }: { row: Row }) {
  const { store } = useEnv();
  const { status, apiVersion } = row.ann;
  const profileName =
    status.source === 'profile'
      ? store.session().engine.profileFor(row.url).profile.name
      : undefined;
  return (
    <section class="d-status" data-testid="detail-status">
      <h3>
        <span class={statusClassName(status.code)}>{status.code || 'No response'}</span>{' '}
        {status.text}
      </h3>
      <p class="meaning">{status.meaning}</p>
      <p class="source">
        Source:{' '}
        {status.source === 'profile'
          ? `${profileName ?? row.ann.profile} profile${status.cite ? ` — ${status.cite}` : ''}`
          : (status.cite ?? 'RFC 9110')}
        {apiVersion ? ` · API version ${apiVersion}` : ''}
      </p>
    </section>
  );
}
