import { useState } from 'preact/hooks';
import { useEnv } from '../../context.ts';
import { safeHref } from '../../format.ts';

/** A link from the network: http(s) only, opened outside the panel without an opener. */
export function ExtLink({ href, children }: { href: string | undefined; children: string }) {
  const safe = safeHref(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** A button that copies `text()` and says whether it worked. */
export function CopyButton({
  label,
  text,
  testid,
}: {
  label: string;
  text: () => string;
  testid: string;
}) {
  const { copy } = useEnv();
  const [done, setDone] = useState<'' | 'ok' | 'fail'>('');
  return (
    <button
      type="button"
      data-testid={testid}
      onClick={async () => setDone((await copy(text())) ? 'ok' : 'fail')}
    >
      {done === 'ok' ? 'Copied' : done === 'fail' ? 'Copy failed' : label}
    </button>
  );
}
