/**
 * Errors of the evidence modules. Each carries a stable `code`, so the Strapi glue can map them to HTTP
 * answers and the offline verifier to its report, without matching on messages and without these pure
 * modules importing Strapi's error classes.
 */
export class EvidenceError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The signing key configuration is unusable: wrong format, key type, length, name or dates. */
export class KeyConfigError extends EvidenceError {}

/** A signed note or verifier key is malformed, or its signatures do not verify. */
export class NoteError extends EvidenceError {}

/** A checkpoint body breaks the tlog-checkpoint rules. */
export class CheckpointError extends EvidenceError {}

/** A JWK is not a well-formed Ed25519 public key. */
export class JwkError extends EvidenceError {}

/** A compact JWS is malformed, uses another algorithm or key, or its signature does not verify. */
export class JwsError extends EvidenceError {}

/** A Merkle proof was asked for sizes or indexes the tree does not have, or a node it cannot read. */
export class ProofError extends EvidenceError {}

export class TimestampError extends EvidenceError {}
