/**
 * The pure parts of the ledger's evidence (issue 12): the RFC 9162 Merkle tree and its proofs, C2SP signed notes
 * and checkpoints, EdDSA JWS receipts, Ed25519 JWKs and the signing key configuration. No Strapi, no I/O: the
 * glue stores leaves, nodes and checkpoints and serves them; these modules compute and check.
 */
export * from './errors';
export * from './merkle';
export * from './note';
export * from './checkpoint';
export * from './jwk';
export * from './jws';
export * from './keys';
export * from './timestamp';
