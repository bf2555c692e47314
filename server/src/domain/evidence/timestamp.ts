import { createHash, randomBytes, verify as verifySignature, X509Certificate } from 'node:crypto';
import { AsnArray, AsnConvert, AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes } from '@peculiar/asn1-schema';
import { AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { Attribute, ContentInfo, id_contentType, id_signedData, MessageDigest, SignedData, SignerInfo } from '@peculiar/asn1-cms';
import {
  AlgorithmIdentifier,
  Certificate,
  ExtendedKeyUsage,
  GeneralNames,
  id_ce_extKeyUsage,
  id_ce_subjectKeyIdentifier,
  id_kp_timeStamping,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { id_ct_tstInfo, MessageImprint, PKIStatus, TimeStampReq, TimeStampResp, TSTInfo } from '@peculiar/asn1-tsp';
import { TimestampError } from './errors';

/*
 * RFC 3161 timestamps over SHA-256 digests: the request to send a timestamp authority (TSA), the token out of its
 * reply, and the offline check of a token. ASN.1 goes through the @peculiar schemas; hashes and signatures through
 * node's crypto. No network: the glue posts the request and stores the token.
 *
 * verifyTimestampToken fails closed, with a TimestampError whose code says which check failed:
 * - the token is CMS SignedData (RFC 5652) with one signer, encapsulating a TSTInfo ('content-type');
 * - the TSTInfo's messageImprint is SHA-256 of exactly the digest we asked about ('imprint-mismatch'), and it echoes
 *   our nonce when we sent one ('nonce-mismatch'): otherwise it stamps something else, or is a replayed answer;
 * - the signer certificate is in the token ('no-certificate': requests always set certReq, so a token without it
 *   is not ours) and is the one the SignerInfo names ('certificate-mismatch');
 * - the signed attributes hold content-type id-ct-TSTInfo and a message-digest equal to the hash of the TSTInfo
 *   bytes ('signed-attributes', 'message-digest'): the signature covers the attributes, not the TSTInfo itself;
 * - a signing-certificate attribute (ESSCertID, ESSCertIDv2), when present, names the signer certificate by hash
 *   ('signing-certificate'): it binds the certificate to the signature against substitution;
 * - the signature over the DER of the signed attributes verifies with the certificate's key ('signature');
 * - the certificate is a TSA's, with extended key usage id-kp-timeStamping ('not-tsa');
 * - with trusted certificates, the signer is one of them or chains to one through the token's certificates
 *   ('untrusted'); without them the caller pins `certificateSha256` itself;
 * - genTime is inside the signer certificate's validity ('expired').
 * Unknown algorithms fail as 'unsupported-algorithm', and bytes that do not parse as 'malformed'.
 */

const SHA256 = '2.16.840.1.101.3.4.2.1';
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1', // only for ESSCertID (v1), whose hash is SHA-1 by definition
  [SHA256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
// Signature algorithm → [key type, hash]; a null hash means "the SignerInfo's digest algorithm" (RFC 5754).
const SIGNATURES: Record<string, [string, string | null]> = {
  '1.2.840.113549.1.1.1': ['rsa', null], // rsaEncryption
  '1.2.840.113549.1.1.11': ['rsa', 'sha256'],
  '1.2.840.113549.1.1.12': ['rsa', 'sha384'],
  '1.2.840.113549.1.1.13': ['rsa', 'sha512'],
  '1.2.840.10045.2.1': ['ec', null], // id-ecPublicKey
  '1.2.840.10045.4.3.2': ['ec', 'sha256'],
  '1.2.840.10045.4.3.3': ['ec', 'sha384'],
  '1.2.840.10045.4.3.4': ['ec', 'sha512'],
};
// PKIFailureInfo bit numbers (RFC 3161 section 2.4.2). The package's flags are off by one bit, so read the bits here.
const FAILURES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const ID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/*
 * Schemas the packages lack, declared without decorator syntax (the project compiles without
 * experimentalDecorators), by calling the decorators as functions.
 */

/** A SET OF kept as the raw bytes of each element: to hash and verify exactly what the TSA signed. */
class RawSet extends AsnArray<ArrayBuffer> {
  constructor(items?: ArrayBuffer[]) {
    super(items);
    Object.setPrototypeOf(this, RawSet.prototype);
  }
}
AsnType({ type: AsnTypeTypes.Set, itemType: AsnPropTypes.Any })(RawSet);

/** SignedData with its certificates and signer infos left as raw bytes (the library re-encodes them). */
class RawSignedData {
  version = 0;
  digestAlgorithms = new ArrayBuffer(0);
  encapContentInfo = new ArrayBuffer(0);
  certificates?: ArrayBuffer[];
  crls?: ArrayBuffer[];
  signerInfos = new ArrayBuffer(0);
}
AsnProp({ type: AsnPropTypes.Integer })(RawSignedData.prototype, 'version');
AsnProp({ type: AsnPropTypes.Any })(RawSignedData.prototype, 'digestAlgorithms');
AsnProp({ type: AsnPropTypes.Any })(RawSignedData.prototype, 'encapContentInfo');
AsnProp({ type: AsnPropTypes.Any, repeated: 'set', context: 0, implicit: true, optional: true })(
  RawSignedData.prototype,
  'certificates'
);
AsnProp({ type: AsnPropTypes.Any, repeated: 'set', context: 1, implicit: true, optional: true })(
  RawSignedData.prototype,
  'crls'
);
AsnProp({ type: AsnPropTypes.Any })(RawSignedData.prototype, 'signerInfos');

/** SignerInfo with the signed attributes as the raw bytes of each attribute. */
class RawSignerInfo {
  version = 0;
  sid = new ArrayBuffer(0);
  digestAlgorithm = new ArrayBuffer(0);
  signedAttrs?: ArrayBuffer[];
  signatureAlgorithm = new ArrayBuffer(0);
  signature = new ArrayBuffer(0);
  unsignedAttrs?: ArrayBuffer[];
}
AsnProp({ type: AsnPropTypes.Integer })(RawSignerInfo.prototype, 'version');
AsnProp({ type: AsnPropTypes.Any })(RawSignerInfo.prototype, 'sid');
AsnProp({ type: AsnPropTypes.Any })(RawSignerInfo.prototype, 'digestAlgorithm');
AsnProp({ type: AsnPropTypes.Any, repeated: 'set', context: 0, implicit: true, optional: true })(
  RawSignerInfo.prototype,
  'signedAttrs'
);
AsnProp({ type: AsnPropTypes.Any })(RawSignerInfo.prototype, 'signatureAlgorithm');
AsnProp({ type: AsnPropTypes.Any })(RawSignerInfo.prototype, 'signature');
AsnProp({ type: AsnPropTypes.Any, repeated: 'set', context: 1, implicit: true, optional: true })(
  RawSignerInfo.prototype,
  'unsignedAttrs'
);

/** An attribute value that is one OBJECT IDENTIFIER (content-type), as a CHOICE of that one type. */
class AttributeOid {
  value = '';
  constructor(value = '') {
    this.value = value;
  }
}
AsnType({ type: AsnTypeTypes.Choice })(AttributeOid);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(AttributeOid.prototype, 'value');

/** IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber } (RFC 5035). */
class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
}
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, 'issuer');
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(IssuerSerial.prototype, 'serialNumber');

/** ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial OPTIONAL } (RFC 2634). */
class EssCertId {
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
}
AsnProp({ type: OctetString })(EssCertId.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(EssCertId.prototype, 'issuerSerial');

/** ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL } (RFC 5035). */
class EssCertIdV2 {
  hashAlgorithm?: AlgorithmIdentifier;
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
}
AsnProp({ type: AlgorithmIdentifier, optional: true })(EssCertIdV2.prototype, 'hashAlgorithm');
AsnProp({ type: OctetString })(EssCertIdV2.prototype, 'certHash');
AsnProp({ type: IssuerSerial, optional: true })(EssCertIdV2.prototype, 'issuerSerial');

/** SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }. */
class SigningCertificate {
  certs: EssCertId[] = [];
  policies?: ArrayBuffer;
}
AsnProp({ type: EssCertId, repeated: 'sequence' })(SigningCertificate.prototype, 'certs');
AsnProp({ type: AsnPropTypes.Any, optional: true })(SigningCertificate.prototype, 'policies');
class SigningCertificateV2 {
  certs: EssCertIdV2[] = [];
  policies?: ArrayBuffer;
}
AsnProp({ type: EssCertIdV2, repeated: 'sequence' })(SigningCertificateV2.prototype, 'certs');
AsnProp({ type: AsnPropTypes.Any, optional: true })(SigningCertificateV2.prototype, 'policies');

export interface TimestampRequest {
  /** The DER TimeStampReq, to POST as application/timestamp-query. */
  der: Buffer;
  /** The nonce in the request, an unsigned big-endian integer: pass it to verifyTimestampToken. */
  nonce: Buffer;
}

export interface TimestampInfo {
  genTime: Date;
  /** The TSTInfo serial number, lowercase hex. */
  serialNumber: string;
  /** The TSA policy OID. */
  policy: string;
  /** The signer certificate's subject, as node's X509Certificate prints it. */
  tsa: string;
  /** SHA-256 of the signer certificate's DER, lowercase hex: what a caller pins without trustedCertificates. */
  certificateSha256: string;
}

export interface VerifyTimestampOptions {
  /** The nonce of the request (from timestampRequest); the token must echo it. */
  nonce?: Buffer;
  /** PEM certificates the signer must be, or chain up to. */
  trustedCertificates?: string[];
}

const fail = (code: string, message: string): never => {
  throw new TimestampError(code, message);
};

/** Parses or returns 'malformed': the library's errors say nothing a caller can act on. */
function parse<T>(bytes: ArrayBuffer | Uint8Array, type: new () => T, what: string): T {
  try {
    return AsnConvert.parse(bytes, type);
  } catch (error) {
    return fail('malformed', `${what} does not parse: ${(error as Error).message}`);
  }
}

// OctetString looks like an ArrayBufferView but is not one, so ArrayBuffer.isView does not see its bytes.
const buf = (bytes: ArrayBuffer | ArrayBufferView | OctetString) =>
  bytes instanceof OctetString || ArrayBuffer.isView(bytes)
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : Buffer.from(bytes);
const der = (value: unknown) => Buffer.from(AsnConvert.serialize(value));

/** An unsigned integer's magnitude: INTEGER content bytes without the sign-padding zeros; null if negative. */
function magnitude(bytes: Buffer): Buffer | null {
  if (bytes.length > 0 && bytes[0] & 0x80) return null;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

/** INTEGER content bytes for an unsigned magnitude: minimal, with a zero in front when the top bit is set. */
function integerContent(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const minimal = value.subarray(start);
  return minimal.length > 0 && minimal[0] & 0x80 ? Buffer.concat([Buffer.alloc(1), minimal]) : Buffer.from(minimal);
}

function hashName(algorithm: AlgorithmIdentifier, what: string): string {
  const name = HASHES[algorithm.algorithm];
  if (!name || name === 'sha1') fail('unsupported-algorithm', `${what} uses an unsupported hash, ${algorithm.algorithm}`);
  return name;
}

/**
 * The TimeStampReq for a SHA-256 digest. certReq defaults to true (verifyTimestampToken needs the certificate in
 * the token); the nonce defaults to 8 random bytes, returned so that the answer can be matched to this request.
 */
export function timestampRequest(digest: Buffer, options: { nonce?: Buffer; certReq?: boolean } = {}): TimestampRequest {
  if (digest.length !== 32) fail('malformed', `a SHA-256 digest has 32 bytes, not ${digest.length}`);
  const nonce = options.nonce ?? randomBytes(8);
  if (nonce.length === 0) fail('malformed', 'the nonce is empty');
  const request = new TimeStampReq({
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256, parameters: null }),
      hashedMessage: new OctetString(digest),
    }),
    nonce: new Uint8Array(integerContent(nonce)).buffer,
    certReq: options.certReq ?? true,
  });
  return { der: der(request), nonce: Buffer.from(nonce) };
}

/** The names of the bits set in a PKIFailureInfo BIT STRING (bit 0 is the first byte's top bit). */
function failures(bits: Buffer): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < bits.length * 8; bit++)
    if (bits[bit >> 3] & (0x80 >> (bit & 7))) names.push(FAILURES[bit] ?? `bit ${bit}`);
  return names;
}

/**
 * The TimeStampToken (a CMS ContentInfo, DER) out of a TimeStampResp. Granted and grantedWithMods return it;
 * any other status is 'rejected', with the TSA's status text and failure bits in the message.
 */
export function timestampTokenFromResponse(response: Buffer): Buffer {
  const parsed = parse(response, TimeStampResp, 'the timestamp response');
  const { status, statusString, failInfo } = parsed.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const text = statusString?.length ? `: ${statusString.join('; ')}` : '';
    const bits = failInfo ? ` (failInfo ${failures(buf(failInfo.value)).join(', ') || 'none'})` : '';
    fail('rejected', `the TSA answered status ${PKIStatus[status] ?? status} (${status})${text}${bits}`);
  }
  if (!parsed.timeStampToken) return fail('malformed', 'the timestamp response grants but carries no token');
  return der(parsed.timeStampToken);
}

/** The attribute of a type, which must be there once with one value; null when absent and optional. */
function attribute(attributes: Attribute[], type: string, required: boolean): Buffer | null {
  const found = attributes.filter((a) => a.attrType === type);
  if (found.length === 0 && !required) return null;
  if (found.length !== 1 || found[0].attrValues.length !== 1)
    fail('signed-attributes', `the signed attributes need exactly one ${type} with one value`);
  return buf(found[0].attrValues[0]);
}

/** Whether an IssuerSerial names this certificate: same serial, and the certificate's issuer among the names. */
function namesCertificate(issuerSerial: IssuerSerial | undefined, certificate: Certificate): boolean {
  if (!issuerSerial) return true;
  const issuer = der(certificate.tbsCertificate.issuer);
  return (
    buf(issuerSerial.serialNumber).equals(buf(certificate.tbsCertificate.serialNumber)) &&
    issuerSerial.issuer.some((name) => name.directoryName && der(name.directoryName).equals(issuer))
  );
}

/** The first ESSCertID(v2) names the signer certificate (RFC 5035 section 5.4); others may name its chain. */
function checkSigningCertificate(attributes: Attribute[], certificateDer: Buffer, certificate: Certificate) {
  const v1 = attribute(attributes, ID_SIGNING_CERTIFICATE, false);
  const v2 = attribute(attributes, ID_SIGNING_CERTIFICATE_V2, false);
  if (v1) {
    const first = parse(v1, SigningCertificate, 'the signing-certificate attribute').certs[0];
    const hash = createHash('sha1').update(certificateDer).digest();
    if (!first || !buf(first.certHash).equals(hash) || !namesCertificate(first.issuerSerial, certificate))
      fail('signing-certificate', 'the ESSCertID does not name the signer certificate');
  }
  if (v2) {
    const first = parse(v2, SigningCertificateV2, 'the signing-certificate-v2 attribute').certs[0];
    const name = first?.hashAlgorithm ? hashName(first.hashAlgorithm, 'the ESSCertIDv2') : 'sha256';
    const hash = createHash(name).update(certificateDer).digest();
    if (!first || !buf(first.certHash).equals(hash) || !namesCertificate(first.issuerSerial, certificate))
      fail('signing-certificate', 'the ESSCertIDv2 does not name the signer certificate');
  }
}

/** Whether the certificate is a trusted one or chains to one through `pool`, at most a few links deep. */
function chainsToTrusted(certificate: X509Certificate, trusted: X509Certificate[], pool: X509Certificate[], depth = 0): boolean {
  if (trusted.some((anchor) => anchor.fingerprint256 === certificate.fingerprint256)) return true;
  if (depth > 5) return false;
  const issuedBy = (issuer: X509Certificate) =>
    issuer.ca && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  if (trusted.some(issuedBy)) return true;
  return pool.some(
    (issuer) =>
      issuer.fingerprint256 !== certificate.fingerprint256 &&
      issuedBy(issuer) &&
      chainsToTrusted(issuer, trusted, pool, depth + 1)
  );
}

/**
 * Checks an RFC 3161 token for a SHA-256 digest (see the header for each check and its error code) and returns
 * what it attests. Without trustedCertificates any TSA key passes: pin the returned certificateSha256 then.
 */
export function verifyTimestampToken(token: Buffer, digest: Buffer, options: VerifyTimestampOptions = {}): TimestampInfo {
  const contentInfo = parse(token, ContentInfo, 'the timestamp token');
  if (!der(contentInfo).equals(token)) fail('malformed', 'the timestamp token is not one DER ContentInfo');
  if (contentInfo.contentType !== id_signedData) fail('content-type', 'the timestamp token is not CMS SignedData');
  const signedData = parse(contentInfo.content, SignedData, 'the SignedData');
  const raw = parse(contentInfo.content, RawSignedData, 'the SignedData');

  // The TSTInfo, exactly as signed.
  const encap = signedData.encapContentInfo;
  if (encap.eContentType !== id_ct_tstInfo) fail('content-type', `the token encapsulates ${encap.eContentType}, not TSTInfo`);
  if (!encap.eContent?.single) return fail('content-type', 'the token does not encapsulate its TSTInfo');
  const tstDer = buf(encap.eContent.single);
  const tst = parse(tstDer, TSTInfo, 'the TSTInfo');

  const imprint = tst.messageImprint;
  const parameters = imprint.hashAlgorithm.parameters;
  if (imprint.hashAlgorithm.algorithm !== SHA256 || (parameters != null && !buf(parameters).equals(Buffer.from([5, 0]))))
    fail('imprint-mismatch', `the token stamps a ${imprint.hashAlgorithm.algorithm} hash, not SHA-256`);
  if (!buf(imprint.hashedMessage).equals(digest)) fail('imprint-mismatch', 'the token stamps another digest');
  if (options.nonce) {
    const got = tst.nonce ? magnitude(buf(tst.nonce)) : null;
    const want = magnitude(integerContent(options.nonce));
    if (!got || !want || !got.equals(want)) fail('nonce-mismatch', 'the token does not echo the request nonce');
  }

  if (signedData.signerInfos.length !== 1 || raw.signerInfos.byteLength === 0)
    fail('malformed', `a timestamp token has one signer, not ${signedData.signerInfos.length}`);
  const signerInfoDer = parse(raw.signerInfos, RawSet, 'the signer infos')[0];
  const signerInfo = parse(signerInfoDer, SignerInfo, 'the SignerInfo');
  const rawSignerInfo = parse(signerInfoDer, RawSignerInfo, 'the SignerInfo');

  // The signer certificate, found by the identifier the SignerInfo gives.
  const certificates = (raw.certificates ?? []).map((bytes) => {
    const certificateDer = buf(bytes);
    try {
      return { der: certificateDer, x509: new X509Certificate(certificateDer), asn: AsnConvert.parse(bytes, Certificate) };
    } catch {
      return null; // attribute certificates and other choices: not a signer candidate
    }
  });
  const candidates = certificates.filter((c): c is NonNullable<typeof c> => c !== null);
  if (candidates.length === 0) fail('no-certificate', 'the token carries no certificate (request it with certReq)');
  const { issuerAndSerialNumber, subjectKeyIdentifier } = signerInfo.sid;
  const signer = candidates.find(({ asn }) => {
    const tbs = asn.tbsCertificate;
    if (issuerAndSerialNumber)
      return (
        der(tbs.issuer).equals(der(issuerAndSerialNumber.issuer)) &&
        buf(tbs.serialNumber).equals(buf(issuerAndSerialNumber.serialNumber))
      );
    if (!subjectKeyIdentifier) return false;
    const extension = tbs.extensions?.find((e) => e.extnID === id_ce_subjectKeyIdentifier);
    return !!extension && buf(AsnConvert.parse(extension.extnValue, SubjectKeyIdentifier)).equals(buf(subjectKeyIdentifier));
  });
  if (!signer) return fail('certificate-mismatch', 'the token does not carry the certificate its signer names');

  // Signed attributes: content type, message digest of the TSTInfo, signing certificate.
  const attributes = signerInfo.signedAttrs ?? [];
  if (!rawSignerInfo.signedAttrs?.length) fail('signed-attributes', 'the SignerInfo has no signed attributes');
  const contentType = parse(attribute(attributes, id_contentType, true)!, AttributeOid, 'the content type').value;
  if (contentType !== id_ct_tstInfo) fail('signed-attributes', 'the signed content type is not TSTInfo');
  const digestName = hashName(signerInfo.digestAlgorithm, 'the SignerInfo digest');
  const messageDigest = parse(attribute(attributes, ID_MESSAGE_DIGEST, true)!, MessageDigest, 'the message digest');
  if (!buf(messageDigest).equals(createHash(digestName).update(tstDer).digest()))
    fail('message-digest', 'the signed message digest is not the hash of the TSTInfo');
  checkSigningCertificate(attributes, signer.der, signer.asn);

  // The signature covers the DER SET OF the signed attributes (RFC 5652 section 5.4), not their [0] encoding.
  const algorithm = SIGNATURES[signerInfo.signatureAlgorithm.algorithm];
  if (!algorithm) fail('unsupported-algorithm', `unsupported signature algorithm ${signerInfo.signatureAlgorithm.algorithm}`);
  const [keyType, signatureHash] = algorithm;
  const publicKey = signer.x509.publicKey;
  if (publicKey.asymmetricKeyType !== keyType) fail('signature', `the certificate's key is not ${keyType}`);
  const signedBytes = der(new RawSet(rawSignerInfo.signedAttrs));
  let valid = false;
  try {
    valid = verifySignature(signatureHash ?? digestName, signedBytes, publicKey, buf(signerInfo.signature));
  } catch {
    valid = false; // a signature that does not even decode (bad DER in ECDSA) is just invalid
  }
  if (!valid) fail('signature', 'the timestamp signature does not verify');

  // The certificate: a TSA's, trusted, valid when it stamped.
  const eku = signer.asn.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_extKeyUsage);
  const usages = eku ? parse(eku.extnValue.buffer, ExtendedKeyUsage, 'the extended key usage') : [];
  if (!usages.includes(id_kp_timeStamping)) fail('not-tsa', 'the signer certificate is not for timestamping');
  if (options.trustedCertificates) {
    let trusted: X509Certificate[] = [];
    try {
      trusted = options.trustedCertificates.map((pem) => new X509Certificate(pem));
    } catch (error) {
      fail('malformed', `a trusted certificate does not parse: ${(error as Error).message}`);
    }
    const pool = candidates.map((c) => c.x509);
    if (!chainsToTrusted(signer.x509, trusted, pool)) fail('untrusted', 'the TSA certificate is not from a trusted issuer');
  }
  const genTime = tst.genTime;
  if (genTime < new Date(signer.x509.validFrom) || genTime > new Date(signer.x509.validTo))
    fail('expired', `genTime ${genTime.toISOString()} is outside the TSA certificate's validity`);

  return {
    genTime,
    serialNumber: (magnitude(buf(tst.serialNumber)) ?? buf(tst.serialNumber)).toString('hex'),
    policy: tst.policy,
    tsa: signer.x509.subject,
    certificateSha256: createHash('sha256').update(signer.der).digest('hex'),
  };
}
