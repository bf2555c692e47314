/**
 * Word segmentation for ru / kk / en that stays linear in the text length.
 *
 * jsdiff's default tokenizer only knows Latin letters, so Cyrillic (and the Kazakh letters
 * ә ғ қ ң ө ұ ү һ і) would diff letter by letter. `Intl.Segmenter` knows words in every
 * script, but on Node 20 one `segment()` call over a long string is super-linear (a 57 KB
 * string took seconds). We therefore cut long strings at the start of a whitespace run,
 * where the Unicode word-break rules always break anyway, and segment the pieces.
 */
import type { PolicyLocale } from '../../../../shared/locales';

/** Pieces this short segment in time linear in their length (measured on Node 20). */
const CHUNK_CHARS = 512;
const WHITESPACE = /\s/;

/** The subset of `Intl.Segmenter` that jsdiff's `diffWords` calls. */
export interface WordSegmenter {
  resolvedOptions(): Intl.ResolvedSegmenterOptions;
  segment(text: string): Iterable<Intl.SegmentData>;
}

const cache = new Map<PolicyLocale, WordSegmenter>();

/** One segmenter per locale, created on first use and reused. */
export function wordSegmenter(locale: PolicyLocale): WordSegmenter {
  let segmenter = cache.get(locale);
  if (!segmenter) {
    segmenter = chunked(new Intl.Segmenter(locale, { granularity: 'word' }));
    cache.set(locale, segmenter);
  }
  return segmenter;
}

function chunked(native: Intl.Segmenter): WordSegmenter {
  return {
    resolvedOptions: () => native.resolvedOptions(),
    *segment(text: string): Iterable<Intl.SegmentData> {
      for (const [start, end] of chunkBounds(text)) {
        for (const data of native.segment(text.slice(start, end))) {
          yield { ...data, index: data.index + start, input: text };
        }
      }
    },
  };
}

/** [start, end) pieces of at most ~CHUNK_CHARS, each cut just before a whitespace run. */
export function* chunkBounds(text: string): Generator<[number, number]> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) {
      let cut = end;
      while (cut > start && !(WHITESPACE.test(text[cut]) && !WHITESPACE.test(text[cut - 1]))) cut--;
      // No whitespace at all in the piece: cut anyway, the word is split but still bounded.
      if (cut > start) end = cut;
    }
    yield [start, end];
    start = end;
  }
}

/** Number of word-like segments (words and numbers, not punctuation or spaces). */
export function countWords(text: string, segmenter: WordSegmenter): number {
  let words = 0;
  for (const data of segmenter.segment(text)) if (data.isWordLike) words++;
  return words;
}
