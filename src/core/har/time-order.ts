/**
 * A bounded reorder window: items arrive in file order and leave in (time, file index) order,
 * so the rate tracker sees requests as they happened. At most `maxItems` items (and about
 * `maxWeight` weight, e.g. characters) wait: when the window is full, the oldest item in file
 * order is released, after every waiting item that started before it.
 *
 * Invariant: when every entry that starts before an earlier-listed one is listed fewer than
 * `maxItems` positions after it (and the window's weight is never exceeded), the release order
 * is exactly the global (time, index) sort. An entry later than that is released when it
 * arrives, after entries that started after it: the rate tracker places it in time order and
 * counts it as of its own start, but entries already counted do not include it.
 *
 * With a `horizon` (the earliest time among the items not yet pushed, known from a first pass
 * over the input), an item is released as soon as no later-listed item starts before it, and
 * emitted as soon as it and every item listed before it are released: the release order is the
 * same, but a file in start-time order holds no item at all, instead of the whole window.
 */

interface Slot<T> {
  item: T;
  time: number;
  index: number;
  weight: number;
  released: boolean;
}

const before = <T>(a: Slot<T>, b: Slot<T>) =>
  a.time < b.time || (a.time === b.time && a.index < b.index);

export class TimeOrder<T> {
  private readonly heap: Slot<T>[] = [];
  private fifo: Slot<T>[] = [];
  private head = 0;
  private weight = 0;
  private next = 0;
  /** The last item released, and whether a later one started before it (the window was too short). */
  private lastTime = Number.NEGATIVE_INFINITY;
  private late = false;

  constructor(
    /** Called once per item, in (time, index) order within the window. */
    private readonly release: (item: T, index: number) => void,
    /** Called once per item, in file order, after its `release`. */
    private readonly emit: (item: T, index: number) => void,
    private readonly maxItems = Number.POSITIVE_INFINITY,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
    /** The earliest time of the items from index `next` on (-Infinity when not known). */
    private readonly horizon?: (next: number) => number,
  ) {}

  /**
   * Whether every item so far was released in the global (time, index) order: false once one
   * arrived that started before an item already released.
   */
  get inOrder(): boolean {
    return !this.late;
  }

  push(item: T, time: number, weight = 0): void {
    const slot = { item, time, index: this.next++, weight, released: false };
    if (slot.time < this.lastTime) this.late = true;
    this.fifo.push(slot);
    this.weight += weight;
    this.up(this.heap.push(slot) - 1);
    if (this.horizon) this.releaseReady(this.horizon(this.next));
    while (
      this.fifo.length - this.head > this.maxItems ||
      (this.weight > this.maxWeight && this.fifo.length - this.head > 1)
    )
      this.shiftHead();
  }

  /** Releases and emits everything still waiting. */
  end(): void {
    while (this.head < this.fifo.length) this.shiftHead();
    this.fifo = [];
    this.head = 0;
  }

  /**
   * Releases every item that starts no later than `horizon` (a later-listed item with the same
   * time has a larger index, so it comes after), then emits the released head of the file order.
   */
  private releaseReady(horizon: number): void {
    while (this.heap.length > 0 && this.heap[0]!.time <= horizon) this.releaseTop();
    while (this.head < this.fifo.length && this.fifo[this.head]!.released) this.shiftHead();
    if (this.head === this.fifo.length) {
      this.fifo.length = 0;
      this.head = 0;
    }
  }

  private releaseTop(): void {
    const s = this.pop();
    s.released = true;
    this.lastTime = s.time;
    this.release(s.item, s.index);
  }

  private shiftHead(): void {
    const h = this.fifo[this.head]!;
    this.fifo[this.head++] = undefined as unknown as Slot<T>;
    if (this.head > 4096 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
    while (!h.released) this.releaseTop();
    this.weight -= h.weight;
    this.emit(h.item, h.index);
  }

  private pop(): Slot<T> {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const heap = this.heap;
    const s = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(s, heap[p]!)) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = s;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const s = heap[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(heap[c + 1]!, heap[c]!)) c++;
      if (!before(heap[c]!, s)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = s;
  }
}
