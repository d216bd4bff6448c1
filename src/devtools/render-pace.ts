import type { CaptureTimers } from './capture.ts';
import type { Change } from './store.ts';

/** A render a frame after a change: a timer, not requestAnimationFrame (context.ts says why). */
export const FRAME_MS = 16;
/**
 * Rows that live capture added render this long after the first of them. Rendered at every
 * frame, a burst of 3,000 requests spent half the panel's thread on renders (bench: 2.2 s of
 * its 4.3 s), and on a loaded machine a thread that busy falls behind its messages, so timers
 * and input wait behind them.
 */
export const ROWS_RENDER_MS = 200;

/**
 * Coalesces the store's changes into renders: one per frame for anything the user did, one
 * per ROWS_RENDER_MS while capture only adds rows; a user change brings a pending one forward.
 */
export function createRenderPacer(render: () => void, timers: CaptureTimers) {
  let due = Number.POSITIVE_INFINITY;
  let cancel = () => {};
  return {
    changed(change?: Change) {
      const at = timers.now() + (change === 'rows' ? ROWS_RENDER_MS : FRAME_MS);
      if (at >= due) return;
      cancel();
      due = at;
      cancel = timers.after(at - timers.now(), () => {
        due = Number.POSITIVE_INFINITY;
        render();
      });
    },
    stop() {
      cancel();
      due = Number.POSITIVE_INFINITY;
    },
  };
}
