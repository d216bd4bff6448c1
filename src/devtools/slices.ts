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

// A MessageChannel task, not setTimeout(0): nested timeouts are clamped to 4 ms (HTML §8.6).
function nextTask(): Promise<void> {
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
