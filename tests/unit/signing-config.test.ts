import { defaultConfig, validateConfig } from '../../server/src/config';
import { keyringOf, SIGNING_KEY_ENV } from '../../server/src/config/ledger';
import { generateSigningKey, publishedKeys } from '../../server/src/domain/evidence/keys';

const withSigning = (signing: object) => ({ ...defaultConfig, ledger: { ...defaultConfig.ledger, signing: { ...defaultConfig.ledger.signing, ...signing } } });

describe('ledger.signing config', () => {
  const saved = process.env[SIGNING_KEY_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[SIGNING_KEY_ENV];
    else process.env[SIGNING_KEY_ENV] = saved;
  });

  it('reads the current key from the config, else from the environment, and none from a blank value', () => {
    const fromConfig = generateSigningKey();
    const fromEnv = generateSigningKey();
    process.env[SIGNING_KEY_ENV] = fromEnv.seed;
    expect(keyringOf(withSigning({ privateKey: fromConfig.pem }).ledger.signing)!.current.kid).not.toBe(
      keyringOf(withSigning({}).ledger.signing)!.current.kid
    );
    process.env[SIGNING_KEY_ENV] = ' ';
    expect(keyringOf(withSigning({ privateKey: '' }).ledger.signing)).toBeNull();
  });

  it('stops the boot with a message naming the setting, never the key', () => {
    const hex = 'ab'.repeat(32);
    expect(() => validateConfig(withSigning({ privateKey: hex }))).toThrow(
      `policy-versions config: "ledger.signing" (or ${SIGNING_KEY_ENV}): a signing key seed must be 32 bytes, got 48 (this looks like hex; give base64url)`
    );
    const current = generateSigningKey();
    const retiredKey = publishedKeys(keyringOf(withSigning({ privateKey: generateSigningKey().seed }).ledger.signing)!)[0];
    expect(() => validateConfig(withSigning({ privateKey: current.seed, retired: [{ publicKey: retiredKey.x }] }))).toThrow(
      /"ledger.signing".*retired key 1 needs retiredAt/
    );
    expect(() => validateConfig(withSigning({ retired: 'none' }))).toThrow('"ledger.signing.retired" must be a list');
    expect(() => validateConfig(withSigning({ privateKey: 5 }))).toThrow('"ledger.signing.privateKey" must be');
  });
});
