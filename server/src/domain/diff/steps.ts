/**
 * How the diff stays bounded and keeps the event loop free.
 *
 * The whole computation is one generator that `yield`s between small units of work (a
 * stretch of blocks to align, a block to word-diff, a few hundred similarity checks). Each
 * unit is short by construction: a jsdiff call carries a `timeout`, a block longer than
 * `maxBlockChars` is not word-diffed, segmentation is linear (see segmenter.ts). The same
 * generator is then driven two ways:
 * - `runSync` runs it to the end (fine for a single policy of some KB);
 * - `runAsync` gives the event loop a turn (`setImmediate`) whenever ~10 ms of work has
 *   piled up, so no synchronous stretch is much longer than 10 ms + one unit (~15 ms).
 * A worker thread would also work but needs a separate compiled entry file in the Strapi
 * build and copies both texts across threads; the generator keeps the module pure.
 *
 * `Budget` is the overall deadline: once it passes, the remaining units take their coarse
 * path (stretches left unaligned, blocks replaced whole), which is still a valid, lossless diff.
 */

export type Steps<T> = Generator<void, T, void>;

const SLICE_MS = 10;

export class Budget {
  private readonly deadline: number;

  constructor(ms: number) {
    this.deadline = performance.now() + ms;
  }

  /** Milliseconds left, never negative. */
  remaining(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  exhausted(): boolean {
    return this.remaining() === 0;
  }
}

export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
