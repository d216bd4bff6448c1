const CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'] as const;
const LABELS: Record<string, string> = { none: 'no response' };

/** Requests by status class ("none": network errors, no response at all). */
export function StatusCounts({ byStatusClass }: { byStatusClass: Record<string, number> }) {
  const shown = [
    ...CLASSES.filter((c) => byStatusClass[c]),
    ...Object.keys(byStatusClass).filter((c) => !(CLASSES as readonly string[]).includes(c)),
  ];
  return (
    <dl class="counts" data-testid="status-counts">
      {shown.map((c) => (
        <div class={`count count-${c}`} key={c} data-class={c}>
          <dt>{LABELS[c] ?? c}</dt>
          <dd>{byStatusClass[c]}</dd>
        </div>
      ))}
    </dl>
  );
}
