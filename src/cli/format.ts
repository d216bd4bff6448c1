import type { LogAnnotation } from '../core/annotation.ts';
import { escapeControls } from './terminal.ts';

// Rows per table: a summary is read by a person; `--json` has them all.
const MAX_ROWS = 50;

/** Pads a table's columns to their widest cell (a loop: 200,000 rows would overflow a spread). */
function table(rows: string[][]): string {
  const widths = rows[0]!.map(() => 0);
  for (const r of rows)
    for (let c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c]!, (r[c] ?? '').length);
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
  const one = escapeControls(s.replace(/\s+/g, ' '));
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
        .map(([p, n]) => `${escapeControls(p)} ${n}`)
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
        ...s.rate
          .slice(0, MAX_ROWS)
          .map((r) => [
            escapeControls(r.key),
            String(r.peak),
            r.limit !== undefined ? String(r.limit) : '—',
            `${r.windowSeconds}s`,
            r.overCount ? `${r.overCount} over` : 'ok',
            r.source ?? '—',
          ]),
      ]),
    );
    if (s.rate.length > MAX_ROWS)
      out.push(`… and ${s.rate.length - MAX_ROWS} more keys (use --json for all)`);
  }
  if (s.errorGroups.length) {
    out.push('', 'Errors (grouped by endpoint, status and message)');
    out.push(
      table([
        ['COUNT', 'STATUS', 'ENDPOINT', 'MESSAGE'],
        ...s.errorGroups
          .slice(0, MAX_ROWS)
          .map((g) => [
            String(g.count),
            String(g.status),
            truncate(`${g.method} ${g.endpoint}`, 60),
            truncate(g.message, 80),
          ]),
      ]),
    );
    if (s.errorGroups.length > MAX_ROWS)
      out.push(`… and ${s.errorGroups.length - MAX_ROWS} more groups (use --json for all)`);
  }
  return `${out.join('\n')}\n`;
}
