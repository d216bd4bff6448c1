import type { Job } from './protocol.ts';

/**
 * The secrets the main thread has learnt so far (in the order it registered them), and how many
 * of them each worker was sent: each annotate job carries what its worker has not had yet. A
 * `secrets` broadcast replaces the list (every worker then knows exactly it).
 */
export class Feed {
  private values: string[] = [];
  private keyLike: boolean[] = [];
  private readonly sent: number[];

  /** `workers` threads, and one more place for the main thread's own (inline) jobs. */
  constructor(workers: number) {
    this.sent = new Array<number>(workers + 1).fill(0);
  }

  add(values: readonly string[], keyLike: readonly boolean[]): void {
    for (let i = 0; i < values.length; i++) {
      this.values.push(values[i]!);
      this.keyLike.push(keyLike[i]!);
    }
  }

  /** An annotate job for `worker` (-1: inline) takes what that worker was not sent yet. */
  attach(job: Job, worker: number): void {
    if (job.kind !== 'annotate') return;
    const w = worker < 0 ? this.sent.length - 1 : worker;
    const from = this.sent[w]!;
    if (from === this.values.length) return;
    job.payload.feed = { values: this.values.slice(from), keyLike: this.keyLike.slice(from) };
    this.sent[w] = this.values.length;
  }

  /** After a broadcast of `secrets`: the list is theirs, and every worker has it. */
  reset(job: Job): void {
    if (job.kind !== 'secrets') return;
    this.values = [...job.payload.values];
    this.keyLike = [...job.payload.keyLike];
    this.sent.fill(this.values.length);
  }
}
