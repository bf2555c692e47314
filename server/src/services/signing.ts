import type { Core } from '@strapi/strapi';
import { keyringOf, SIGNING_KEY_ENV } from '../config/ledger';
import { publishedKeys } from '../domain/evidence/keys';
import { signJws } from '../domain/evidence/jws';
import { getConfig } from '../utils/plugin';

/** The JWS `typ` of a signed consent receipt, so a verifier can tell it from other tokens of the same key. */
export const RECEIPT_JWS_TYPE = 'consent-receipt+jws';

/**
 * The ledger's signing keys, read once from the config (validated at start-up, config/ledger.ts) and kept in
 * memory only. Without a current key, receipts go out unsigned (`receiptJws: null`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let loaded: ReturnType<typeof keyringOf> | undefined;
  const keyring = () => (loaded === undefined ? (loaded = keyringOf(getConfig(strapi).ledger.signing)) : loaded);

  return {
    /** A receipt as a compact JWS (EdDSA, the current key's kid), or null when no key is configured. */
    signReceipt(receipt: object): string | null {
      const keys = keyring();
      return keys ? signJws(receipt, keys.current.privateKey, { kid: keys.current.kid, typ: RECEIPT_JWS_TYPE }) : null;
    },

    /** The whole keyring (current signer and retired public keys), or null without a current key. */
    keyring,

    /** The current and retired public keys, as `GET …/ledger/keys` lists them. */
    publishedKeys() {
      const keys = keyring();
      return keys ? publishedKeys(keys) : [];
    },

    /** For the bootstrap: loads the keys, and says once when receipts will not be signed. */
    warnIfUnsigned() {
      if (keyring()) return;
      strapi.log.warn(
        `policy-versions: no signing key (ledger.signing.privateKey or ${SIGNING_KEY_ENV}): consent receipts are unsigned (receiptJws: null). Not for production; see docs/ledger.md.`
      );
    },
  };
};
