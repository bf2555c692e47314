/** Limits that keep a diff bounded on any input; the defaults suit policies up to 500 KB. */
export interface DiffOptions {
  /** Time budget for a block's word diff, in ms (jsdiff `timeout`). Default 10. */
  blockTimeoutMs?: number;
  /** Blocks longer than this (either side, in UTF-16 units) get a coarse word diff. Default 10000. */
  maxBlockChars?: number;
  /** Time budget for the LCS of one stretch of blocks without a unique anchor, in ms. Default 10. */
  alignTimeoutMs?: number;
  /**
   * Overall time budget in ms; past it the remaining alignment and word diffs are coarse
   * (still lossless). Default 1500.
   */
  budgetMs?: number;
}
