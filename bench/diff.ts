/**
 * Diff engine benchmark: `npx tsx bench/diff.ts`. Prints figures only; targets are shown
 * next to them for reading, nothing is asserted.
 *
 * 1. ru-reco-kz.txt (19 KB) against a revision with 20 edits: median of 30 runs.
 * 2. Two unrelated texts of 200 KB (and 500 KB) shuffled from the fixtures' paragraphs:
 *    total time of diffPoliciesAsync, lossless or not, and the longest stretch the event
 *    loop was blocked (setInterval probe and monitorEventLoopDelay).
 * 3. The naive way for comparison: jsdiff diffWords over the whole texts, default tokenizer.
 */
import { monitorEventLoopDelay } from 'perf_hooks';
import { diffWords, wordDiff } from 'diff';
import { diffPolicies, diffPoliciesAsync, newText, oldText, type DiffResult } from '../server/src/domain/diff';
// The tests' fixture loader, seeded PRNG and shuffled texts, so the bench measures the same inputs.
import { fixture, prng, shuffledFixtures } from '../tests/unit/diff-support';

/** 20 edits an editor might make: words replaced, clauses inserted, deleted, moved. */
function revise(text: string, edits: number, random: () => number): string {
  const lines = text.split('\n');
  const pick = (n: number): number => Math.floor(random() * n);
  for (let e = 0; e < edits; e++) {
    const at = pick(lines.length);
    switch (e % 4) {
      case 0: {
        const words = lines[at].split(' ');
        words[pick(words.length)] = 'сведения';
        lines[at] = words.join(' ');
        break;
      }
      case 1:
        lines.splice(at, 0, `${pick(9) + 1}.${pick(9) + 1}. Новый пункт о хранении персональных данных номер ${e}.`);
        break;
      case 2:
        lines.splice(at, 1);
        break;
      default: {
        const [moved] = lines.splice(at, 1);
        lines.splice(pick(lines.length), 0, moved);
      }
    }
  }
  return lines.join('\n');
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const kb = (text: string): string => `${Math.round(Buffer.byteLength(text) / 1024)} KB`;
const lossless = (result: DiffResult, before: string, after: string): string =>
  oldText(result) === before && newText(result) === after ? 'yes' : 'NO';
const summaryLine = (result: DiffResult): string => {
  const s = result.summary;
  return `+${s.added} -${s.removed} ~${s.changed} moved ${s.moved} renum ${s.renumbered} words +${s.wordsInserted}/-${s.wordsDeleted} coarse ${s.coarse}`;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs the async diff while two probes watch the event loop. */
async function watched(before: string, after: string): Promise<{ result: DiffResult; total: number; gap: number; histogramMax: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let gap = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 1);
  histogram.enable();
  const start = performance.now();
  const result = await diffPoliciesAsync(before, after, 'ru');
  const total = performance.now() - start;
  gap = Math.max(gap, performance.now() - last);
  histogram.disable();
  clearInterval(probe);
  return { result, total, gap, histogramMax: histogram.max / 1e6 };
}

function naive(before: string, after: string, timeout: number): string {
  const tokens = wordDiff.tokenize(before).length + wordDiff.tokenize(after).length;
  const start = performance.now();
  const changes = diffWords(before, after, { timeout });
  const took = performance.now() - start;
  const edits = changes ? `${changes.filter((c) => c.added || c.removed).length} changes` : `gave up after ${timeout} ms`;
  return `${ms(took)}, ${tokens} tokens, ${edits}`;
}

async function main(): Promise<void> {
  const rows: Array<[string, string, string]> = [];

  const reco = fixture('ru-reco-kz.txt');
  const revised = revise(reco, 20, prng(42));
  diffPolicies(reco, revised, 'ru'); // warm-up: JIT, segmenter creation
  const times: number[] = [];
  let small: DiffResult | undefined;
  for (let run = 0; run < 30; run++) {
    const start = performance.now();
    small = diffPolicies(reco, revised, 'ru');
    times.push(performance.now() - start);
  }
  rows.push([`1. ru-reco-kz.txt ${kb(reco)}, 20 edits, median of 30`, `${ms(median(times))} (max ${ms(Math.max(...times))})`, '≤ 30 ms']);
  rows.push(['   result', `${summaryLine(small!)}, lossless ${lossless(small!, reco, revised)}`, '']);

  // Each size twice: the first run in the process pays for cold code paths.
  for (const [size, run] of [
    [200 * 1024, 'cold'],
    [200 * 1024, 'warm'],
    [500 * 1024, 'warm'],
  ] as const) {
    const before = shuffledFixtures(size, 1);
    const after = shuffledFixtures(size, 2);
    const { result, total, gap, histogramMax } = await watched(before, after);
    const label = `2. unrelated ${kb(before)} / ${kb(after)}, ${run}`;
    rows.push([`${label}: total (async)`, ms(total), size < 500 * 1024 ? '≤ 2000 ms' : '']);
    rows.push([`${label}: longest event-loop block`, `${ms(gap)} probe, ${ms(histogramMax)} histogram`, '≤ 100 ms']);
    rows.push(['   result', `${summaryLine(result)}, lossless ${lossless(result, before, after)}`, '']);
  }

  const before = shuffledFixtures(200 * 1024, 1);
  const after = shuffledFixtures(200 * 1024, 2);
  rows.push(['3. naive diffWords, ru-reco-kz.txt vs revision', naive(reco, revised, 60_000), '']);
  rows.push(['3. naive diffWords, unrelated 200 KB (timeout 5 s)', naive(before, after, 5000), '']);

  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  console.log(`${'case'.padEnd(width)}  ${'figure'.padEnd(valueWidth)}  target`);
  for (const [label, value, target] of rows) console.log(`${label.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}`);
}

void main();
