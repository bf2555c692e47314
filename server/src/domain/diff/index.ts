/**
 * Diff engine for policy versions: block alignment (moves, renumbering), word-level diff
 * in ru / kk / en, lossless JSON, safe HTML. Pure: no Strapi, no I/O.
 */
export { diffPolicies, diffPoliciesAsync } from './engine';
export { oldText, newText, applyDiff } from './reconstruct';
export { renderInlineRedline, renderSideBySide, escapeHtml, type SideBySideOptions } from './html';
export type {
  PolicyLocale,
  BlockType,
  BlockSide,
  BlockKind,
  WordOp,
  DiffBlock,
  DiffSummary,
  DiffResult,
  DiffOptions,
} from './types';
