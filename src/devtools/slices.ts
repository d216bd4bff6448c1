/**
 * Time-sliced loops for the panel's main thread: work runs until its slice budget is spent,
 * then yields to the event loop so input, timers and rendering get their turn. The clock and
 * the yield are injected (tests drive them; STANDARDS.md "inject the clock").
 */
export interface Scheduler {
  now(): number;
  /** Resolves in a later task. */
  yield(): Promise<void>;
}

/** A slice's budget: well inside a 60 Hz frame, leaving room for a render in the same one. */
export const SLICE_MS = 8;

interface PostTask {
  postTask(cb: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * A task at background priority (Prioritized Task Scheduling, `scheduler.postTask`): it runs
 * once no timer, message, input or rendering task is ready, so each slice is followed by theirs.
 * A MessageChannel task is queued before a timer that fell due during the slice: measured in
 * Chromium, a 5 ms interval then ran after every second 8 ms slice (its gap two slices long),
 * and never with `scheduler.yield()`, whose continuation goes first. Where `postTask` is
 * missing, a MessageChannel task: setTimeout(0) is clamped to 4 ms when nested (HTML §8.6).
 */
function nextTask(): Promise<void> {
  const s = (globalThis as { scheduler?: Partial<PostTask> }).scheduler;
  if (typeof s?.postTask === 'function') return s.postTask(() => {}, { priority: 'background' });
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export const browserScheduler: Scheduler = {
  now: () => performance.now(),
  yield: nextTask,
};

/**
 * Calls `fn` on each item in order, yielding whenever a slice has run `budgetMs`; stops early
 * (returning false) once `stopped()` says so. Each slice handles at least one item. The clock
 * is read every `every` items: for µs-cheap items (a filter test) reading it per item cost
 * more than the items did (CPU profile of the bench's filter at 50,000 rows).
 */
export async function sliced<T>(
  items: readonly T[],
  fn: (item: T, index: number) => void,
  scheduler: Scheduler,
  stopped: () => boolean = () => false,
  budgetMs = SLICE_MS,
  every = 1,
): Promise<boolean> {
  let i = 0;
  while (i < items.length) {
    if (stopped()) return false;
    const start = scheduler.now();
    do {
      fn(items[i]!, i);
      i++;
    } while (i < items.length && (i % every !== 0 || scheduler.now() - start < budgetMs));
    if (i < items.length) await scheduler.yield();
  }
  return !stopped();
}
