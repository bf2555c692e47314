/**
 * Diff engine for policy versions: block alignment (moves, renumbering), word-level diff
 * in ru / kk / en, lossless JSON, safe HTML. Pure: no Strapi, no I/O.
 */
export { diffPolicies, diffPoliciesAsync } from './engine';
export { oldText, newText, applyDiff } from './reconstruct';
export { renderInlineRedline, renderSideBySide, escapeHtml, type SideBySideOptions } from './html';
export type { DiffOptions } from './types';
// The result's shape is a contract with the admin and API clients: its home is shared/contracts.
export type { BlockType, BlockSide, BlockKind, WordOp, DiffBlock, DiffSummary, DiffResult } from '../../../../shared/contracts/diff';
export type { PolicyLocale } from '../../../../shared/locales';
