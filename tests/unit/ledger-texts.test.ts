import { describeVerification } from '../../server/src/domain/ledger/chain';
import { mismatchedTexts, type AcceptedText } from '../../server/src/domain/ledger/texts';

const accepted: AcceptedText[] = [
  { policy: 'privacy', version: 1, locale: 'ru', contentHash: 'a'.repeat(64) },
  { policy: 'privacy', version: 1, locale: 'kk', contentHash: 'b'.repeat(64) },
  { policy: 'terms', version: 3, locale: 'en', contentHash: 'c'.repeat(64) },
];

describe('mismatchedTexts', () => {
  it('finds nothing when every accepted text is released with the hash users accepted', () => {
    const released = new Map(accepted.map((text) => [`${text.policy}/${text.version}/${text.locale}`, text.contentHash]));
    expect(mismatchedTexts(accepted, (policy, version, locale) => released.get(`${policy}/${version}/${locale}`) ?? null)).toEqual([]);
  });

  it('names a text rewritten with a new hash, and one whose release or locale is gone', () => {
    const lookup = (policy: string, version: number, locale: string) => {
      if (policy === 'terms') return null;
      return locale === 'kk' ? 'd'.repeat(64) : 'a'.repeat(64);
    };
    expect(mismatchedTexts(accepted, lookup)).toEqual([
      { ...accepted[1], releasedHash: 'd'.repeat(64) },
      { ...accepted[2], releasedHash: null },
    ]);
  });
});

describe('describeVerification with mismatched texts', () => {
  it('says the chain holds but which accepted texts no longer match', () => {
    const text = { ...accepted[1], releasedHash: null };
    expect(describeVerification({ ok: false, count: 7, firstBroken: null, mismatchedTexts: [text] })).toBe(
      'all 7 records verify, but accepted texts no longer match their release: "privacy" v1 kk'
    );
  });
});
