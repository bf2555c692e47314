/**
 * Both texts rebuilt from a diff result: the proof that the result is lossless, and what
 * lets a stored diff stand in for the two versions.
 */
import type { BlockSide, DiffResult } from '../../../../shared/contracts/diff';

/** The old text, exactly as it was given to the diff. */
export function oldText(result: DiffResult): string {
  return rebuild(result.lead.old, result.blocks.map((block) => block.old));
}

/** The new text, exactly as it was given to the diff. */
export function newText(result: DiffResult): string {
  return rebuild(result.lead.new, result.blocks.map((block) => block.new));
}

/**
 * Applies a diff to the old text it was computed from and returns the new text.
 * Throws if `oldMarkdown` is not that old text, so a diff is never applied to the wrong version.
 */
export function applyDiff(oldMarkdown: string, result: DiffResult): string {
  if (oldText(result) !== oldMarkdown) throw new Error('The diff was not computed from this text');
  return newText(result);
}

function rebuild(lead: string, sides: Array<BlockSide | undefined>): string {
  // Blocks are in reading order, where moved blocks sit at their new place: sort by index.
  const present = sides.filter((side): side is BlockSide => side !== undefined).sort((a, b) => a.index - b.index);
  return lead + present.map((side) => side.text + side.sep).join('');
}
