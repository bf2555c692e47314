/**
 * Cross-checks the ledger against the published texts. Each acceptance holds the contentHash of the text the
 * user was shown, each publication event that of the text published; the release table holds the text itself. A restore or a hand edit that rewrote a release
 * together with its recorded hash passes the read path's re-hash, but no longer matches what users accepted.
 */

/** One (policy, version, locale, hash) that at least one acceptance or publication event names. */
export interface AcceptedText {
  policy: string;
  version: number;
  locale: string;
  contentHash: string;
}

/** An accepted text the releases no longer hold as accepted: `releasedHash` null when the release or locale is gone. */
export interface TextMismatch extends AcceptedText {
  releasedHash: string | null;
}

export function mismatchedTexts(
  accepted: readonly AcceptedText[],
  releasedHash: (policy: string, version: number, locale: string) => string | null
): TextMismatch[] {
  const found: TextMismatch[] = [];
  for (const text of accepted) {
    const released = releasedHash(text.policy, text.version, text.locale);
    if (released !== text.contentHash) found.push({ ...text, releasedHash: released });
  }
  return found;
}
