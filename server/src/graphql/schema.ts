/**
 * The plugin's GraphQL schema: the public reads and the end users' side of the ledger, shaped like the REST
 * answers (shared/contracts) with `data` and `meta` folded into one object. Values such as locales, statuses
 * and ledger events are the REST strings, not enums: some (`moved-changed`, `never-accepted`) are not valid
 * GraphQL names, and clients of both APIs compare the same strings. JSON and DateTime are Strapi's scalars.
 */
export const typeDefs = /* GraphQL */ `
  "A version coming up: the next one to take effect."
  type PolicyVersionsUpcoming {
    version: Int!
    effectiveAt: DateTime!
    material: Boolean!
  }

  "One version's text in one locale, as readers are shown it and acceptances name it."
  type PolicyVersionsText {
    policy: String!
    version: Int!
    "The locale of the text: ru, kk or en."
    locale: String!
    "The locale asked for (kz is read as kk); differs from locale when the policy fell back."
    requestedLocale: String!
    fallback: Boolean!
    title: String!
    markdown: String!
    html: String!
    "SHA-256 of the exact Markdown; send it with an acceptance."
    contentHash: String!
    effectiveAt: DateTime!
    supersededAt: DateTime
    material: Boolean!
    "withdrawn for a version withdrawn after publication, else null."
    status: String
    changeSummary: String!
    publishedAt: DateTime
    "The consent terms frozen with the version (operator, data categories, purposes...); null without them."
    consent: JSON
    "The next version to take effect, if one is scheduled."
    upcoming: PolicyVersionsUpcoming
    availableLocales: [String!]!
  }

  "A version in the archive."
  type PolicyVersionsSummary {
    version: Int!
    effectiveAt: DateTime!
    supersededAt: DateTime
    material: Boolean!
    "scheduled, current, superseded or withdrawn."
    status: String!
    publishedAt: DateTime
    locales: [String!]!
    title: String
    changeSummary: String
  }

  "Every published version of a policy, titled in one locale."
  type PolicyVersionsArchive {
    policy: String!
    locale: String!
    upcoming: PolicyVersionsUpcoming
    versions: [PolicyVersionsSummary!]!
  }

  type PolicyVersionsVersionRef {
    version: Int!
    effectiveAt: DateTime!
  }

  "Counts for a change log line or an e-mail to users."
  type PolicyVersionsDiffSummary {
    added: Int!
    removed: Int!
    changed: Int!
    moved: Int!
    renumbered: Int!
    unchanged: Int!
    wordsInserted: Int!
    wordsDeleted: Int!
    coarse: Int!
  }

  "Whitespace before the first block of each text."
  type PolicyVersionsDiffLead {
    old: String!
    new: String!
  }

  "A block as it stands in one of the two texts."
  type PolicyVersionsDiffSide {
    index: Int!
    text: String!
    sep: String!
    "heading, list-item or paragraph."
    type: String!
    level: Int
    clause: String
  }

  type PolicyVersionsWordOp {
    "equal, insert or delete."
    op: String!
    text: String!
  }

  type PolicyVersionsDiffBlock {
    "unchanged, renumbered, changed, inserted, deleted, moved or moved-changed."
    kind: String!
    old: PolicyVersionsDiffSide
    new: PolicyVersionsDiffSide
    words: [PolicyVersionsWordOp!]
    coarse: Boolean
  }

  "What changed between two published versions, in one locale both have (docs/diff.md)."
  type PolicyVersionsDiff {
    policy: String!
    from: PolicyVersionsVersionRef!
    to: PolicyVersionsVersionRef!
    locale: String!
    requestedLocale: String!
    fallback: Boolean!
    availableLocales: [String!]!
    "The diff format's version."
    schema: Int!
    summary: PolicyVersionsDiffSummary!
    lead: PolicyVersionsDiffLead!
    blocks: [PolicyVersionsDiffBlock!]!
  }

  type PolicyVersionsUpcomingConsent {
    version: Int!
    effectiveAt: DateTime!
    material: Boolean!
    accepted: Boolean!
    "With the acceptances recorded so far: will the subject have to accept once it takes effect?"
    mustAccept: Boolean!
  }

  type PolicyVersionsPendingChange {
    version: Int!
    effectiveAt: DateTime!
  }

  "Where the subject's consent to a policy stands."
  type PolicyVersionsConsentStatus {
    policy: String!
    currentVersion: Int
    acceptedVersion: Int
    acceptedAt: DateTime
    locale: String
    withdrawn: Boolean!
    "Each purpose of the accepted version and whether it stands, e.g. { service: true, analytics: false }."
    purposes: JSON
    mustAccept: Boolean!
    "never-accepted, material-change or withdrawn, when mustAccept."
    reason: String
    upcoming: PolicyVersionsUpcomingConsent
    pending: PolicyVersionsPendingChange
  }

  "A legal representative who gives the consent for the subject."
  type PolicyVersionsRepresentative {
    role: String!
    name: String!
    relation: String!
  }

  input PolicyVersionsRepresentativeInput {
    "representative"
    role: String!
    name: String!
    relation: String!
  }

  "One record of the consent ledger."
  type PolicyVersionsLedgerRecord {
    id: ID!
    subject: String
    policy: String
    version: Int
    locale: String
    contentHash: String
    "accepted or withdrawn."
    event: String!
    recordedAt: DateTime!
    ip: String
    userAgent: String
    acceptLanguage: String
    source: String
    metadata: JSON
    "An acceptance: each purpose and whether it was given; a partial withdrawal: the purposes withdrawn."
    purposes: JSON
    givenBy: PolicyVersionsRepresentative
    prevHash: String
    hash: String!
  }

  "What an acceptance or a withdrawal answers."
  type PolicyVersionsRecorded {
    record: PolicyVersionsLedgerRecord!
    "False when it was recorded before: the original record, nothing written now."
    created: Boolean!
    "The Kantara consent receipt (docs/ledger.md)."
    receipt: JSON!
    "The receipt as a compact JWS; null when the server has no signing key."
    receiptJws: String
    "A withdrawal's: the end of the last working day the operator may go on processing."
    processingStopBy: DateTime
  }

  "An acceptance, as REST POST /policies/:key/acceptances takes it. A null field counts as absent."
  input PolicyVersionsAcceptInput {
    version: Int!
    "The language of the text shown: ru, kk or en; kz and regional tags such as ru-KZ are accepted."
    locale: String!
    contentHash: String
    source: String
    metadata: JSON
    "Each purpose of the version the person agreed to (true) or not, e.g. { service: true, analytics: false }."
    purposes: JSON
    givenBy: PolicyVersionsRepresentativeInput
    "Only with an API token: whose acceptance."
    subject: String
  }

  "A withdrawal, as REST POST /policies/:key/withdrawals takes it. A null field counts as absent."
  input PolicyVersionsWithdrawInput {
    reason: String
    "The purposes withdrawn; all by default."
    purposes: [String!]
    source: String
    "Only with an API token: whose consent."
    subject: String
  }

  type Query {
    "The version in force (at the instant 'at', an ISO-8601 date or instant; now by default). Public."
    policyVersionsCurrent(key: String!, locale: String, at: String): PolicyVersionsText!
    "Every published version of the policy. Public."
    policyVersionsVersions(key: String!, locale: String): PolicyVersionsArchive!
    "One published version. Public."
    policyVersionsVersion(key: String!, version: Int!, locale: String): PolicyVersionsText!
    "What changed from 'from' (the one before 'to' by default) to 'to' (the version in force by default). Public."
    policyVersionsDiff(key: String!, from: Int, to: Int, locale: String): PolicyVersionsDiff!
    "Where the caller's consent stands: a signed-in user's own, or with an API token the named subject's."
    policyVersionsConsentStatus(key: String!, subject: String): PolicyVersionsConsentStatus!
  }

  type Mutation {
    "Records that the subject accepted one version in one language; the same again returns the original record."
    policyVersionsAccept(key: String!, input: PolicyVersionsAcceptInput!): PolicyVersionsRecorded!
    "Records that the subject withdrew consent; withdrawing again returns the original withdrawal."
    policyVersionsWithdraw(key: String!, input: PolicyVersionsWithdrawInput): PolicyVersionsRecorded!
  }
`;
