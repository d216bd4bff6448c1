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
    async stop(label: string): Promise<LongestTask | undefined> {
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
      if (busiest && process.env.BENCH_TRACE_DETAIL) printInside(events, busiest);
      return { wall, cpu, tasks };
    },
  };
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
