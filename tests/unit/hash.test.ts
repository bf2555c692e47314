import { contentHash as contentHashSchema } from '../../shared/contracts/policies';
import { contentHash, normalizeBody } from '../../server/src/domain/hash';

// The wire rule for a content hash is the contracts' schema; every hash made here must pass it.
const isContentHash = (value: unknown) => contentHashSchema.safeParse(value).success;

describe('normalizeBody', () => {
  it('composes to NFC', () => {
    expect(normalizeBody('И\u0306ы')).toBe('\u0419ы');
    // No precomposed form exists, so the combining mark stays.
    expect(normalizeBody('қ\u0306')).toBe('қ\u0306');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeBody('a\r\nb\rc\n\r\nd\r')).toBe('a\nb\nc\n\nd\n');
  });

  it('changes nothing else', () => {
    const text = '  # Title \t\n\n\u00a0body\u200b  \n\n';
    expect(normalizeBody(text)).toBe(text);
  });
});

describe('contentHash', () => {
  it('matches the known SHA-256 vector for "abc"', () => {
    expect(contentHash('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 bytes', () => {
    // Reference value from `printf 'й' | sha256sum`.
    expect(contentHash('й')).toBe('sha256:15f2ccabeb425c29c67317f181d744944e9c477d09fb42aacdbb4f64e1afcc3f');
  });

  it('gives the same hash for NFD and NFC Cyrillic and Kazakh text', () => {
    const nfc = 'Құпиялылық саясаты. Жеке деректер. Политика конфиденциальности: й, ё, ә, ү.';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(contentHash(nfd)).toBe(contentHash(nfc));
  });

  it('gives the same hash for CRLF, CR and LF line endings', () => {
    const lf = '# Terms\n\n1.1. Text\n';
    expect(contentHash(lf.replace(/\n/g, '\r\n'))).toBe(contentHash(lf));
    expect(contentHash(lf.replace(/\n/g, '\r'))).toBe(contentHash(lf));
  });

  it('changes with any other difference, including trailing whitespace', () => {
    const base = contentHash('# Terms\n');
    expect(contentHash('# Terms \n')).not.toBe(base);
    expect(contentHash('# Terms\n\n')).not.toBe(base);
    expect(contentHash('# terms\n')).not.toBe(base);
  });

  it('produces values the contracts accept as a content hash', () => {
    expect(isContentHash(contentHash(''))).toBe(true);
  });
});

describe('the content hash rule (shared/contracts)', () => {
  it.each([
    [`sha256:${'0'.repeat(64)}`, true],
    [`sha256:${'a'.repeat(64)}`, true],
    [`sha256:${'A'.repeat(64)}`, false],
    [`sha256:${'0'.repeat(63)}`, false],
    [`sha256:${'0'.repeat(65)}`, false],
    [`sha256:${'g'.repeat(64)}`, false],
    [`md5:${'0'.repeat(64)}`, false],
    ['0'.repeat(64), false],
    [`sha256:${'0'.repeat(64)}\n`, false],
    [42, false],
    [null, false],
    [undefined, false],
    [{}, false],
  ])('%j -> %s', (value, expected) => {
    expect(isContentHash(value)).toBe(expected);
  });
});
