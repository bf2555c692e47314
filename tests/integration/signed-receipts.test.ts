import { createPublicKey, generateKeyPairSync, sign, verify, type JsonWebKey } from 'node:crypto';
import { contentHash } from '../../server/src/domain/hash';
import { endUser, LEDGER } from '../support/ledger';
import { editor, KK_BODY } from '../support/policies';
import { adminToken, http, startServer, TEST_SIGNING_KEY, type HttpResult, type TestServer } from '../support/strapi';

const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const KEYS = '/api/policy-versions/ledger/keys';

interface PublishedKey extends JsonWebKey {
  kid: string;
  createdAt: string | null;
  retiredAt: string | null;
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * What a user's lawyer does, with node's crypto only and no plugin code: find the key the header names among the
 * published ones, check the EdDSA signature over the first two parts, and read the payload.
 */
function verifyOffline(jws: string, keys: PublishedKey[]): { header: Record<string, unknown>; payload: unknown } {
  const [header64, payload64, signature64] = jws.split('.');
  const header = JSON.parse(Buffer.from(header64, 'base64url').toString('utf8'));
  if (header.alg !== 'EdDSA') throw new Error(`alg ${header.alg}`);
  const jwk = keys.find((key) => key.kid === header.kid);
  if (!jwk) throw new Error(`unknown kid ${header.kid}`);
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  if (!verify(null, Buffer.from(`${header64}.${payload64}`), key, Buffer.from(signature64, 'base64url'))) {
    throw new Error('bad signature');
  }
  return { header, payload: JSON.parse(Buffer.from(payload64, 'base64url').toString('utf8')) };
}

/** Boots a server with one published policy, an admin and an end user. */
async function bootWithPolicy(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  const admin = await adminToken(server);
  await editor(server, admin).createPolicy('privacy');
  await editor(server, admin).release('privacy', { ru: RU, kk: KK_BODY }, { material: true });
  return { server, admin, user: await endUser(server) };
}

const accept = (server: TestServer, jwt: string) =>
  http(server, 'POST', `${LEDGER}/privacy/acceptances`, { token: jwt, body: { version: 1, locale: 'ru', contentHash: contentHash(RU) } });

// One Strapi per process at a time: each block stops the server before it boots the next.
describe('signed receipts and the published keys', () => {
  let server: TestServer | undefined;
  let admin: string;
  let user: { id: string; jwt: string };
  let keys: PublishedKey[];
  let accepted: HttpResult;

  beforeAll(async () => {
    const booted = await bootWithPolicy();
    ({ server, admin, user } = booted);
    accepted = await accept(booted.server, user.jwt);
    const listed = await http(booted.server, 'GET', KEYS);
    keys = listed.body.data;
  });

  afterAll(async () => server?.stop());

  it('publishes the current key as a public Ed25519 JWK, publicly and cacheably', async () => {
    const res = await http(server!, 'GET', KEYS);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.body.data).toEqual([
      { kty: 'OKP', crv: 'Ed25519', kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), createdAt: null, retiredAt: null },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(TEST_SIGNING_KEY);
  });

  it('signs the acceptance, withdrawal, erasure and /me receipts: each verifies offline and its payload is the receipt', async () => {
    expect(accepted.status).toBe(201);
    const withdrawn = await http(server!, 'POST', `${LEDGER}/privacy/withdrawals`, { token: user.jwt, body: {} });
    expect(withdrawn.status).toBe(201);
    const me = await http(server!, 'GET', `${LEDGER}/privacy/acceptances/me`, { token: user.jwt });
    expect(me.status).toBe(200);

    for (const answer of [accepted, withdrawn]) {
      const { header, payload } = verifyOffline(answer.body.meta.receiptJws, keys);
      expect(header).toEqual({ alg: 'EdDSA', kid: keys[0].kid, typ: 'consent-receipt+jws' });
      expect(payload).toEqual(answer.body.meta.receipt);
      expect(payload).toMatchObject({ recordHash: answer.body.data.hash, logIndex: expect.any(Number) });
    }
    // Consecutive records of the log: consecutive leaf indexes.
    expect(withdrawn.body.meta.receipt.logIndex).toBe(accepted.body.meta.receipt.logIndex + 1);

    expect(me.body.data.map((record: { id: string }) => record.id)).toEqual([accepted.body.data.id, withdrawn.body.data.id]);
    for (const [i, record] of me.body.data.entries()) {
      const { payload } = verifyOffline(record.receiptJws, keys);
      expect(payload).toEqual([accepted, withdrawn][i].body.meta.receipt);
    }

    const erased = await http(server!, 'POST', '/policy-versions/acceptances/erasures', { token: admin, body: { subject: user.id } });
    expect(erased.status).toBe(201);
    const { payload } = verifyOffline(erased.body.meta.receiptJws, keys);
    expect(payload).toEqual(erased.body.meta.receipt);
    expect(payload).toMatchObject({ event: 'erased', recordHash: erased.body.data.hash, logIndex: withdrawn.body.meta.receipt.logIndex + 1 });
  });

  it('rejects a tampered payload and a receipt re-signed with a key that is not published', () => {
    const [header64, payload64, signature64] = accepted.body.meta.receiptJws.split('.');
    const receipt = JSON.parse(Buffer.from(payload64, 'base64url').toString('utf8'));
    const tampered = `${header64}.${b64({ ...receipt, policyVersion: 2 })}.${signature64}`;
    expect(() => verifyOffline(tampered, keys)).toThrow('bad signature');

    const other = generateKeyPairSync('ed25519');
    const otherKid = 'not-' + keys[0].kid;
    const input = `${b64({ alg: 'EdDSA', kid: otherKid, typ: 'consent-receipt+jws' })}.${payload64}`;
    const forged = `${input}.${sign(null, Buffer.from(input), other.privateKey).toString('base64url')}`;
    expect(() => verifyOffline(forged, keys)).toThrow(`unknown kid ${otherKid}`);
    // The same forgery claiming the published kid fails on the signature.
    const claimed = `${b64({ alg: 'EdDSA', kid: keys[0].kid, typ: 'consent-receipt+jws' })}.${payload64}`;
    expect(() => verifyOffline(`${claimed}.${sign(null, Buffer.from(claimed), other.privateKey).toString('base64url')}`, keys)).toThrow('bad signature');
  });

  describe('after a rotation', () => {
    let rotated: TestServer;
    let rotatedKeys: PublishedKey[];
    const retiredAt = '2026-06-01T00:00:00.000Z';

    beforeAll(async () => {
      await server?.stop();
      server = undefined;
      const fresh = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }).d!;
      ({ server: rotated } = await bootWithPolicy({
        env: { POLICY_VERSIONS_SIGNING_KEY: fresh, POLICY_VERSIONS_RETIRED_KEYS: JSON.stringify([{ publicKey: keys[0].x, retiredAt }]) },
      }));
      rotatedKeys = (await http(rotated, 'GET', KEYS)).body.data;
    });

    afterAll(async () => {
      delete process.env.POLICY_VERSIONS_RETIRED_KEYS;
      await rotated?.stop();
    });


    it('lists the new key first and the retired one after it, and old receipts still verify', () => {
      expect(rotatedKeys).toHaveLength(2);
      expect(rotatedKeys[0]).toMatchObject({ retiredAt: null });
      expect(rotatedKeys[0].kid).not.toBe(keys[0].kid);
      expect(rotatedKeys[1]).toEqual({ ...keys[0], retiredAt });
      expect(verifyOffline(accepted.body.meta.receiptJws, rotatedKeys).payload).toEqual(accepted.body.meta.receipt);
    });

    it('signs new receipts with the new key, and a receipt whose kid is swapped to the other key is rejected', async () => {
      const user2 = await endUser(rotated);
      const res = await accept(rotated, user2.jwt);
      expect(res.status).toBe(201);
      const { header } = verifyOffline(res.body.meta.receiptJws, rotatedKeys);
      expect(header.kid).toBe(rotatedKeys[0].kid);

      const [, payload64, signature64] = res.body.meta.receiptJws.split('.');
      const swapped = `${b64({ alg: 'EdDSA', kid: rotatedKeys[1].kid, typ: 'consent-receipt+jws' })}.${payload64}.${signature64}`;
      expect(() => verifyOffline(swapped, rotatedKeys)).toThrow('bad signature');
    });
  });

  describe('without a signing key', () => {
    let unsigned: TestServer;
    let user3: { id: string; jwt: string };
    const warnings: string[] = [];

    beforeAll(async () => {
      ({ server: unsigned, user: user3 } = await bootWithPolicy({
        env: { POLICY_VERSIONS_SIGNING_KEY: '' },
        beforeLoad: (strapi) => {
          const warn = strapi.log.warn.bind(strapi.log);
          jest.spyOn(strapi.log, 'warn').mockImplementation(((message: string) => {
            warnings.push(String(message));
            return warn(message);
          }) as never);
        },
      }));
    });

    afterAll(async () => {
      process.env.POLICY_VERSIONS_SIGNING_KEY = TEST_SIGNING_KEY;
      await unsigned?.stop();
    });

    it('boots, warns once that receipts are unsigned, answers receiptJws null and lists no keys', async () => {
      expect(warnings.filter((message) => message.includes('receipts are unsigned'))).toHaveLength(1);
      const res = await accept(unsigned, user3.jwt);
      expect(res.status).toBe(201);
      expect(res.body.meta).toMatchObject({ receipt: expect.objectContaining({ recordHash: res.body.data.hash }), receiptJws: null });
      const me = await http(unsigned, 'GET', `${LEDGER}/privacy/acceptances/me`, { token: user3.jwt });
      expect(me.body.data[0].receiptJws).toBeNull();
      expect((await http(unsigned, 'GET', KEYS)).body).toEqual({ data: [] });
    });
  });
});
