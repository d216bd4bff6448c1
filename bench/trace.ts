import type { CDPSession } from '@playwright/test';

/**
 * The panel page's longest main-thread task, read from a Chromium trace: its wall time and its
 * thread (CPU) time. The heartbeat (panel.ts) sees every gap, including time the thread was
 * runnable but not scheduled; on a loaded 2-core machine idle gaps alone reach 50-200 ms. A
 * task's thread time counts only what the panel's own thread ran (its JS, GC, layout), so it
 * tells the panel's work from the machine's load. The panel's thread is found by a
 * `performance.mark` it makes (blink.user_timing events carry the pid and tid that made them).
 */

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { functionName?: string; url?: string; lineNumber?: number } };
}

/** The heartbeat's longest gap, in ms after the step's start mark. */
export interface Gap {
  from: number;
  to: number;
}

export interface LongestTask {
  /** Wall time of the longest task, ms. */
  wall: number;
  /** Thread time of the task with the most thread time, ms. */
  cpu: number;
  tasks: number;
}

const CATEGORIES = [
  'toplevel',
  'blink.user_timing',
  'disabled-by-default-devtools.timeline',
  ...(process.env.BENCH_TRACE_DETAIL ? ['devtools.timeline', 'v8', 'blink'] : []),
];
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Starts a browser-wide trace; `stop()` reads it and measures the tasks between two marks. */
export async function startTrace(browser: CDPSession) {
  const events: TraceEvent[] = [];
  const onData = (e: { value: TraceEvent[] }) => {
    for (const v of e.value) events.push(v);
  };
  browser.on('Tracing.dataCollected' as never, onData as never);
  await browser.send(
    'Tracing.start' as never,
    {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: CATEGORIES, excludedCategories: ['*'] },
    } as never,
  );
  return {
    /** Ends the trace; the panel marked `${label}:start` and `${label}:stop` meanwhile. */
    async stop(label: string, gap?: Gap): Promise<LongestTask | undefined> {
      const complete = new Promise<void>((resolve) =>
        browser.once('Tracing.tracingComplete' as never, () => resolve()),
      );
      await browser.send('Tracing.end' as never);
      await complete;
      browser.off('Tracing.dataCollected' as never, onData as never);
      const start = events.find((e) => e.name === `${label}:start`);
      const stop = events.find((e) => e.name === `${label}:stop`);
      if (!start || !stop) return undefined;
      let wall = 0;
      let cpu = 0;
      let tasks = 0;
      let busiest: TraceEvent | undefined;
      for (const e of events) {
        if (e.ph !== 'X' || !TASKS.has(e.name) || e.pid !== start.pid || e.tid !== start.tid)
          continue;
        if (e.ts + (e.dur ?? 0) < start.ts || e.ts > stop.ts) continue;
        tasks++;
        wall = Math.max(wall, (e.dur ?? 0) / 1000);
        if ((e.tdur ?? 0) / 1000 > cpu) busiest = e;
        cpu = Math.max(cpu, (e.tdur ?? 0) / 1000);
      }
      if (process.env.BENCH_TRACE_DETAIL) printTotals(events, start, stop);
      if (busiest && process.env.BENCH_TRACE_DETAIL) printInside(events, busiest);
      if (gap && process.env.BENCH_TRACE_DETAIL) printGap(events, start, gap);
      return { wall, cpu, tasks };
    },
  };
}

/**
 * BENCH_TRACE_DETAIL=1: the panel thread's CPU over the whole step, by kind of task (what
 * started it: a message, a timer, a render...). A heartbeat gap made of many short tasks is a
 * backlog: the thread's demand against the share of the 2 cores it gets.
 */
function printTotals(events: readonly TraceEvent[], start: TraceEvent, stop: TraceEvent) {
  const mine = (e: TraceEvent) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X';
  const inStep = events.filter((e) => mine(e) && e.ts >= start.ts && e.ts <= stop.ts);
  const tasks = inStep.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const kinds = new Map<string, { n: number; cpu: number }>();
  let i = 0;
  const sorted = inStep.filter((e) => !TASKS.has(e.name)).sort((a, b) => a.ts - b.ts);
  let cpu = 0;
  for (const t of tasks.sort((a, b) => a.ts - b.ts)) {
    while (i < sorted.length && sorted[i]!.ts < t.ts) i++;
    const first = sorted[i] && sorted[i]!.ts <= t.ts + (t.dur ?? 0) ? sorted[i]!.name : 'other';
    const k = kinds.get(first) ?? { n: 0, cpu: 0 };
    k.n++;
    k.cpu += (t.tdur ?? 0) / 1000;
    kinds.set(first, k);
    cpu += (t.tdur ?? 0) / 1000;
  }
  const wall = (stop.ts - start.ts) / 1000;
  console.log(
    `  the panel's thread over the step: ${tasks.length} tasks, ${cpu.toFixed(0)} ms CPU in ${(wall / 1000).toFixed(2)} s (${((100 * cpu) / wall).toFixed(0)}% of a core)`,
  );
  for (const [name, k] of [...kinds].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 6))
    console.log(`    ${name}: ${k.n} tasks, ${k.cpu.toFixed(0)} ms`);
}

/** BENCH_TRACE_DETAIL=1: what ran inside the busiest task (events of 1 ms or more), to profile it. */
function printInside(events: readonly TraceEvent[], task: TraceEvent) {
  const end = task.ts + (task.dur ?? 0);
  const inside = events.filter(
    (e) =>
      e !== task &&
      e.ph === 'X' &&
      e.pid === task.pid &&
      e.tid === task.tid &&
      e.ts >= task.ts &&
      e.ts <= end &&
      (e.dur ?? 0) >= 1000,
  );
  console.log(`  inside the busiest task (${((task.tdur ?? 0) / 1000).toFixed(1)} ms on thread):`);
  for (const e of inside) {
    const d = e.args?.data;
    const where =
      d?.functionName || d?.url
        ? ` ${d.functionName ?? ''} ${d.url ?? ''}:${d.lineNumber ?? ''}`
        : '';
    console.log(
      `    +${((e.ts - task.ts) / 1000).toFixed(1)} ms ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms (thread ${((e.tdur ?? 0) / 1000).toFixed(1)})${where}`,
    );
  }
}

/**
 * BENCH_TRACE_DETAIL=1: what ran during the heartbeat's longest gap. The panel's tasks in it
 * (a gap longer than any task is several tasks in a row, or a thread kept off the CPU), and
 * each thread of the machine that ran in it with its thread time there: 2 cores are shared.
 */
function printGap(events: readonly TraceEvent[], start: TraceEvent, gap: Gap) {
  const from = start.ts + gap.from * 1000;
  const to = start.ts + gap.to * 1000;
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      names.set(`${e.pid}:${e.tid}`, (e.args as { name?: string } | undefined)?.name ?? '');
  const ms = (us: number) => (us / 1000).toFixed(1);
  const within = events.filter((e) => e.ph === 'X' && e.ts + (e.dur ?? 0) >= from && e.ts <= to);
  const same = (a: TraceEvent, b: TraceEvent) => a.pid === b.pid && a.tid === b.tid;
  const encloses = (a: TraceEvent, b: TraceEvent) =>
    a !== b && same(a, b) && a.ts <= b.ts && a.ts + (a.dur ?? 0) >= b.ts + (b.dur ?? 0);
  // Chromium logs a task twice (RunTask and ThreadControllerImpl::RunTask): count it once.
  const all = within.filter((e) => TASKS.has(e.name));
  const outer = (w: TraceEvent, e: TraceEvent) =>
    w.name !== e.name && encloses(w, e) && (w.dur !== e.dur || w.name !== 'RunTask');
  const tasks = all.filter((e) => !all.some((w) => outer(w, e)));
  console.log(`  the longest heartbeat gap (${ms(to - from)} ms), +${gap.from.toFixed(0)} ms:`);
  const busy = new Map<string, number>();
  for (const e of tasks.sort((a, b) => a.ts - b.ts)) {
    const key = `${e.pid}:${e.tid}`;
    // Thread time in the gap, prorated when the task straddles its ends.
    const end = e.ts + (e.dur ?? 0);
    const share = e.dur ? (Math.min(end, to) - Math.max(e.ts, from)) / e.dur : 1;
    busy.set(key, (busy.get(key) ?? 0) + (e.tdur ?? 0) * share);
    if (!same(e, start) || (e.dur ?? 0) < 300) continue;
    const inner = within
      .filter((c) => encloses(e, c) && (c.dur ?? 0) >= 500 && !TASKS.has(c.name))
      .sort((a, b) => a.ts - b.ts);
    const what = [...new Set(inner.map((c) => c.name))].slice(0, 6).join(' > ');
    console.log(
      `    panel task at +${ms(e.ts - from)} ms: ${ms(e.dur ?? 0)} ms (thread ${ms(e.tdur ?? 0)}) ${what}`,
    );
  }
  const threads = [...busy].filter(([, us]) => us >= 1000).sort((a, b) => b[1] - a[1]);
  for (const [key, us] of threads)
    console.log(
      `    thread ${names.get(key) || key}${key === `${start.pid}:${start.tid}` ? ' (panel)' : ''}: ${ms(us)} ms on CPU`,
    );
}
