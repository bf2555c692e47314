import { version } from '../../../package.json';
import { consentReceipt, consentStatus, ledgerRecord } from '../../../shared/contracts/acceptances';
import { publishedKey } from '../../../shared/contracts/evidence';
import { blockSide, diffBlock, diffResult, diffSummary, wordOp } from '../../../shared/contracts/diff';
import { policySummary, policyText, versionSummary } from '../../../shared/contracts/policies';
import { errorResponse } from '../../../shared/contracts/route';
import { PLUGIN_ID } from '../constants';
import { contentApi } from '../routes/content-api';
import { openApiDocument } from './document';

// The shapes several answers share, named once in the document.
const COMPONENTS = {
  Error: errorResponse,
  PolicySummary: policySummary,
  VersionSummary: versionSummary,
  PolicyText: policyText,
  DiffResult: diffResult,
  DiffSummary: diffSummary,
  DiffBlock: diffBlock,
  BlockSide: blockSide,
  WordOp: wordOp,
  LedgerRecord: ledgerRecord,
  ConsentReceipt: consentReceipt,
  ConsentStatus: consentStatus,
  PublishedKey: publishedKey,
};

/**
 * The plugin's OpenAPI document: every route of the content-API table, under Strapi's REST prefix
 * (`/api` unless `api.rest.prefix` says otherwise). A route of the table without a contract does not type-check here.
 */
export const pluginDocument = (restPrefix = '/api') =>
  openApiDocument(Object.values(contentApi), {
    info: {
      title: 'Policy versions',
      version,
      description:
        'Versioned, localized legal policies and their consent ledger (strapi-plugin-policy-versions). Reading policies needs no account; ' +
        "the ledger's routes need a users-permissions JWT or an API token. Errors use Strapi's shape (`Error`).",
    },
    serverUrl: `${restPrefix}/${PLUGIN_ID}`,
    components: COMPONENTS,
  });
