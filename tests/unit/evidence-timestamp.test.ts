import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { PKIFailureInfo, PKIFreeText, PKIStatus, PKIStatusInfo, TimeStampResp } from '@peculiar/asn1-tsp';
import { timestampRequest, timestampTokenFromResponse, verifyTimestampToken } from '../../server/src/domain/evidence';
import { TimestampError } from '../../server/src/domain/evidence';
import { makeCa, openssl, startTsa, type Tsa } from '../support/tsa';

/*
 * Against a real TSA: `openssl ts -reply` behind a local HTTP server (tests/support/tsa.ts), with its own CA.
 * Interoperability both ways: openssl's queries answered and verified here, and our tokens verified by openssl.
 */

/** Matches the timestamp error with this code that a call throws. */
const withCode = (code: string) => expect.objectContaining({ name: 'TimestampError', code });

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest();

async function post(tsa: Tsa, body: Buffer, type = 'application/timestamp-query') {
  return fetch(tsa.url, { method: 'POST', headers: { 'Content-Type': type }, body: new Uint8Array(body) });
}

async function stamp(tsa: Tsa, digest: Buffer) {
  const request = timestampRequest(digest);
  const response = await post(tsa, request.der);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/timestamp-reply');
  const token = timestampTokenFromResponse(Buffer.from(await response.arrayBuffer()));
  return { token, nonce: request.nonce };
}

/** Copies bytes and flips one byte at an offset. */
function flipped(bytes: Buffer, offset: number) {
  const copy = Buffer.from(bytes);
  copy[offset] ^= 0x01;
  return copy;
}

let tsa: Tsa;
let work: string;
beforeAll(async () => {
  tsa = await startTsa();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tsa-test-'));
});
afterAll(async () => {
  await tsa?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('RFC 3161 timestamps against a local openssl TSA', () => {
  it('gets a token for a digest that verifies, stamped now, by the TSA certificate', async () => {
    const digest = sha256('consent ledger checkpoint 42');
    const before = tsa.requests;
    const { token, nonce } = await stamp(tsa, digest);
    expect(tsa.requests).toBe(before + 1);
    const info = verifyTimestampToken(token, digest, { nonce });
    expect(Math.abs(info.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    expect(info.policy).toBe('1.2.3.4.1');
    expect(info.tsa).toBe('CN=Test TSA');
    expect(info.serialNumber).toMatch(/^[0-9a-f]+$/);
    expect(info.certificateSha256).toBe(new X509Certificate(tsa.tsaCertPem).fingerprint256.replace(/:/g, '').toLowerCase());
    // Two tokens have two serial numbers.
    const again = verifyTimestampToken((await stamp(tsa, digest)).token, digest);
    expect(again.serialNumber).not.toBe(info.serialNumber);
  });

  it('verifies with the TSA root or the TSA certificate as trusted, and not with another root', async () => {
    const digest = sha256('trusted');
    const { token, nonce } = await stamp(tsa, digest);
    expect(verifyTimestampToken(token, digest, { nonce, trustedCertificates: [tsa.caPem] }).tsa).toBe('CN=Test TSA');
    expect(verifyTimestampToken(token, digest, { trustedCertificates: [tsa.tsaCertPem] }).tsa).toBe('CN=Test TSA');
    const otherDir = fs.mkdtempSync(path.join(work, 'other-'));
    const otherCa = await makeCa(otherDir, 'Test TSA Root');
    expect(() => verifyTimestampToken(token, digest, { trustedCertificates: [otherCa] })).toThrow(withCode('untrusted'));
    expect(() => verifyTimestampToken(token, digest, { trustedCertificates: [] })).toThrow(withCode('untrusted'));
  });

  it('refuses another digest and another nonce', async () => {
    const digest = sha256('the digest');
    const { token, nonce } = await stamp(tsa, digest);
    expect(() => verifyTimestampToken(token, sha256('another digest'), { nonce })).toThrow(withCode('imprint-mismatch'));
    expect(() => verifyTimestampToken(token, digest, { nonce: flipped(nonce, 7) })).toThrow(withCode('nonce-mismatch'));
    expect(() => verifyTimestampToken(token, digest, { nonce: Buffer.concat([nonce, Buffer.from([1])]) })).toThrow(
      withCode('nonce-mismatch')
    );
  });

  it('refuses a token with one byte flipped in the signature or in the TSTInfo', async () => {
    const digest = sha256('tamper');
    const { token, nonce } = await stamp(tsa, digest);
    const signedData = AsnConvert.parse(AsnConvert.parse(token, ContentInfo).content, SignedData);
    const signature = Buffer.from(signedData.signerInfos[0].signature.buffer);
    const at = token.indexOf(signature);
    expect(at).toBeGreaterThan(0);
    for (const offset of [at + 8, at + signature.length - 1]) {
      expect(() => verifyTimestampToken(flipped(token, offset), digest)).toThrow(withCode('signature'));
    }
    // The nonce sits inside the TSTInfo: changing it breaks the signed message digest.
    const inTstInfo = token.indexOf(nonce);
    expect(inTstInfo).toBeGreaterThan(0);
    expect(() => verifyTimestampToken(flipped(token, inTstInfo + 3), digest)).toThrow(withCode('message-digest'));
    // Every single-byte change fails closed with a TimestampError, never with another exception.
    for (let offset = 0; offset < token.length; offset += 11) {
      let thrown: unknown;
      try {
        verifyTimestampToken(flipped(token, offset), digest, { nonce, trustedCertificates: [tsa.caPem] });
      } catch (error) {
        thrown = error;
      }
      // A flip in an unsigned, unchecked spot (such as the CA certificate's signature) may leave it valid.
      if (thrown !== undefined) expect(thrown).toBeInstanceOf(TimestampError);
    }
  });

  it('reports a rejection with its status, text and failure info', async () => {
    // openssl rejects a policy it does not serve.
    fs.writeFileSync(path.join(work, 'data'), 'policy');
    const query = path.join(work, 'policy.tsq');
    await openssl(['ts', '-query', '-data', path.join(work, 'data'), '-sha256', '-tspolicy', '1.2.3.9', '-out', query]);
    const response = await post(tsa, fs.readFileSync(query));
    expect(response.status).toBe(200);
    const reply = Buffer.from(await response.arrayBuffer());
    expect(() => timestampTokenFromResponse(reply)).toThrow(withCode('rejected'));
    expect(() => timestampTokenFromResponse(reply)).toThrow(/rejection \(2\).*unacceptedPolicy/);

    const failInfo = new PKIFailureInfo(new Uint8Array([0x80]), 7); // bit 0, badAlg
    const crafted = new TimeStampResp({
      status: new PKIStatusInfo({ status: PKIStatus.rejection, statusString: new PKIFreeText(['no SHA-1']), failInfo }),
    });
    const der = Buffer.from(AsnConvert.serialize(crafted));
    expect(() => timestampTokenFromResponse(der)).toThrow(withCode('rejected'));
    expect(() => timestampTokenFromResponse(der)).toThrow(/no SHA-1.*badAlg/);
    const waiting = Buffer.from(AsnConvert.serialize(new TimeStampResp({ status: new PKIStatusInfo({ status: 3 }) })));
    expect(() => timestampTokenFromResponse(waiting)).toThrow(withCode('rejected'));
    // Granted without a token is no answer.
    const empty = Buffer.from(AsnConvert.serialize(new TimeStampResp({ status: new PKIStatusInfo({ status: 0 }) })));
    expect(() => timestampTokenFromResponse(empty)).toThrow(withCode('malformed'));
  });

  it('refuses garbage as malformed', async () => {
    const digest = sha256('garbage');
    const { token } = await stamp(tsa, digest);
    for (const bytes of [Buffer.alloc(0), Buffer.from('not DER'), Buffer.from([0x30, 0x03, 0x02, 0x01])]) {
      expect(() => timestampTokenFromResponse(bytes)).toThrow(withCode('malformed'));
      expect(() => verifyTimestampToken(bytes, digest)).toThrow(withCode('malformed'));
    }
    expect(() => verifyTimestampToken(Buffer.concat([token, Buffer.from([0])]), digest)).toThrow(withCode('malformed'));
    expect(() => verifyTimestampToken(token.subarray(0, token.length - 1), digest)).toThrow(withCode('malformed'));
    expect(() => timestampRequest(Buffer.alloc(20))).toThrow(withCode('malformed'));
  });

  it("verifies the token for openssl's own SHA-256 query, and refuses one without the certificate", async () => {
    const data = path.join(work, 'interop');
    fs.writeFileSync(data, 'openssl query');
    for (const [name, certReq] of [['with-cert.tsq', ['-cert']], ['no-cert.tsq', []]] as const) {
      const query = path.join(work, name);
      await openssl(['ts', '-query', '-data', data, '-sha256', ...certReq, '-out', query]);
      const response = await post(tsa, fs.readFileSync(query));
      const token = timestampTokenFromResponse(Buffer.from(await response.arrayBuffer()));
      const check = () => verifyTimestampToken(token, sha256('openssl query'), { trustedCertificates: [tsa.caPem] });
      if (certReq.length) expect(check().tsa).toBe('CN=Test TSA');
      else expect(check).toThrow(withCode('no-certificate'));
    }
  });

  it('makes requests and tokens that openssl accepts', async () => {
    const digest = sha256('for openssl');
    const request = timestampRequest(digest, { nonce: Buffer.from('ff00000000000001', 'hex') });
    const query = path.join(work, 'ours.tsq');
    fs.writeFileSync(query, request.der);
    const text = await openssl(['ts', '-query', '-in', query, '-text']);
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toContain('Nonce: 0xFF00000000000001');
    expect(text).toContain('Certificate required: yes');

    const response = await post(tsa, request.der);
    const token = timestampTokenFromResponse(Buffer.from(await response.arrayBuffer()));
    expect(verifyTimestampToken(token, digest, { nonce: request.nonce }).tsa).toBe('CN=Test TSA');
    const tokenFile = path.join(work, 'token.der');
    const caFile = path.join(work, 'ca.pem');
    fs.writeFileSync(tokenFile, token);
    fs.writeFileSync(caFile, tsa.caPem);
    const args = ['ts', '-verify', '-digest', digest.toString('hex'), '-in', tokenFile, '-token_in', '-CAfile', caFile];
    expect(await openssl(args)).toContain('Verification: OK');
    // And openssl too refuses it for another digest.
    await expect(openssl([...args.slice(0, 3), sha256('x').toString('hex'), ...args.slice(4)])).rejects.toThrow();
  });

  it('verifies tokens of an RSA TSA', async () => {
    const rsa = await startTsa({ key: 'rsa' });
    try {
      const digest = sha256('rsa');
      const { token, nonce } = await stamp(rsa, digest);
      expect(verifyTimestampToken(token, digest, { nonce, trustedCertificates: [rsa.caPem] }).tsa).toBe('CN=Test TSA');
      expect(() => verifyTimestampToken(token, digest, { trustedCertificates: [tsa.caPem] })).toThrow(withCode('untrusted'));
      const signedData = AsnConvert.parse(AsnConvert.parse(token, ContentInfo).content, SignedData);
      const at = token.indexOf(Buffer.from(signedData.signerInfos[0].signature.buffer));
      expect(() => verifyTimestampToken(flipped(token, at + 100), digest)).toThrow(withCode('signature'));
    } finally {
      await rsa.close();
    }
  });

  it('answers 400 to anything but a timestamp query, and the chosen status while failing', async () => {
    expect((await fetch(tsa.url)).status).toBe(400);
    expect((await post(tsa, Buffer.from('{}'), 'application/json')).status).toBe(400);
    const request = timestampRequest(sha256('down'));
    tsa.setFailing(503);
    try {
      expect((await post(tsa, request.der)).status).toBe(503);
    } finally {
      tsa.setFailing(null);
    }
    expect((await post(tsa, request.der)).status).toBe(200);
  });
});
