import { describe, expect, it } from 'vitest';
import { createRenderPacer, FRAME_MS, ROWS_RENDER_MS } from './render-pace.ts';
import { manualTimers } from './test-support.ts';

function pacer() {
  const timers = manualTimers();
  let renders = 0;
  const p = createRenderPacer(() => renders++, timers);
  return { p, timers, renders: () => renders };
}

describe('render pacing', () => {
  it('renders a user change one frame later, once however many came', async () => {
    const { p, timers, renders } = pacer();
    p.changed();
    p.changed();
    await timers.advance(FRAME_MS - 1);
    expect(renders()).toBe(0);
    await timers.advance(1);
    expect(renders()).toBe(1);
  });

  it('batches rows from live capture into one render per ROWS_RENDER_MS', async () => {
    const { p, timers, renders } = pacer();
    for (let i = 0; i < 50; i++) {
      p.changed('rows');
      await timers.advance(2);
    }
    // 100 ms of rows: the first one's render is not due yet.
    expect(renders()).toBe(0);
    await timers.advance(ROWS_RENDER_MS - 100);
    expect(renders()).toBe(1);
    p.changed('rows');
    await timers.advance(ROWS_RENDER_MS);
    expect(renders()).toBe(2);
  });

  it('a user change brings pending rows forward to the next frame', async () => {
    const { p, timers, renders } = pacer();
    p.changed('rows');
    await timers.advance(10);
    p.changed();
    await timers.advance(FRAME_MS);
    expect(renders()).toBe(1);
    // Nothing left over for the rows: they were in that render.
    await timers.advance(ROWS_RENDER_MS);
    expect(renders()).toBe(1);
    expect(timers.pending()).toBe(0);
  });

  it('stop() cancels the pending render', async () => {
    const { p, timers, renders } = pacer();
    p.changed('rows');
    p.stop();
    await timers.advance(ROWS_RENDER_MS);
    expect(renders()).toBe(0);
  });
});
