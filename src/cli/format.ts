import type { LogAnnotation } from '../core/annotation.ts';

/** Pads a table's columns to their widest cell. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** The human-readable `apilens summary`. */
export function formatSummary(s: LogAnnotation): string {
  const out: string[] = [];
  const cls = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'].filter((c) => s.byStatusClass[c]);
  out.push(`${s.entries} requests, ${s.errors} errors`);
  out.push(`Status:   ${cls.map((c) => `${c} ${s.byStatusClass[c]}`).join('  ') || '—'}`);
  out.push(
    `Profiles: ${
      Object.entries(s.byProfile)
        .map(([p, n]) => `${p} ${n}`)
        .join('  ') || '—'
    }`,
  );
  out.push(
    `Retry:    ${
      Object.entries(s.verdicts)
        .map(([v, n]) => `${v} ${n}`)
        .join('  ') || '—'
    }`,
  );
  if (s.rate.length) {
    out.push('', 'Rate limits (peak requests in one window)');
    out.push(
      table([
        ['KEY', 'PEAK', 'LIMIT', 'WINDOW', 'OVER', 'SOURCE'],
        ...s.rate.map((r) => [
          r.key,
          String(r.peak),
          r.limit !== undefined ? String(r.limit) : '—',
          `${r.windowSeconds}s`,
          r.overCount ? `${r.overCount} over` : 'ok',
          r.source ?? '—',
        ]),
      ]),
    );
  }
  if (s.errorGroups.length) {
    out.push('', 'Errors (grouped by endpoint, status and message)');
    out.push(
      table([
        ['COUNT', 'STATUS', 'ENDPOINT', 'MESSAGE'],
        ...s.errorGroups
          .slice(0, 50)
          .map((g) => [
            String(g.count),
            String(g.status),
            truncate(`${g.method} ${g.endpoint}`, 60),
            truncate(g.message, 80),
          ]),
      ]),
    );
    if (s.errorGroups.length > 50)
      out.push(`… and ${s.errorGroups.length - 50} more groups (use --json for all)`);
  }
  return `${out.join('\n')}\n`;
}
