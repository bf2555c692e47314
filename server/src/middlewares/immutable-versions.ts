import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { VERSION_UID } from '../constants';
import { contentHash } from '../domain/hash';
import { isTrustedWrite } from '../utils/trusted-writes';
import { conflictError } from '../utils/errors';

// Only the plugin's publish and withdraw services may set these; from anyone else they are dropped.
const LIFECYCLE_FIELDS = ['state', 'version', 'effectiveAt', 'releasedAt', 'withdrawnAt', 'contentHash'] as const;

type Data = Record<string, unknown>;

const withoutLifecycleFields = (data: Data): Data => {
  const copy = { ...data };
  for (const field of LIFECYCLE_FIELDS) delete copy[field];
  return copy;
};

// The stored hash always follows the stored body, whoever wrote it; a blank body has no text to hash,
// which is also how readers tell that a locale is missing.
const withHash = (data: Data): Data =>
  typeof data.body === 'string'
    ? { ...data, contentHash: data.body.trim() === '' ? null : contentHash(data.body) }
    : data;

/**
 * Document Service middleware: the one gate every write passes (plugin API, Content Manager, REST,
 * code calling strapi.documents), so a published version's text cannot change by any of those paths.
 */
export const registerImmutableVersions = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== VERSION_UID) return next();
    const params = context.params as { documentId?: string; data?: Data };

    switch (context.action) {
      case 'create':
      case 'clone': {
        if (params.data && !isTrustedWrite()) params.data = { ...withoutLifecycleFields(params.data), state: 'draft' };
        if (params.data) params.data = withHash(params.data);
        return next();
      }
      case 'update': {
        if (!isTrustedWrite()) {
          await assertDraft(strapi, params.documentId, 'changed');
          if (params.data) params.data = withoutLifecycleFields(params.data);
        }
        if (params.data) params.data = withHash(params.data);
        return next();
      }
      case 'delete':
      case 'publish':
      case 'unpublish':
      case 'discardDraft': {
        if (!isTrustedWrite()) await assertDraft(strapi, params.documentId, 'deleted or republished');
        return next();
      }
      default:
        return next();
    }
  });
};

async function assertDraft(strapi: Core.Strapi, documentId: string | undefined, verb: string) {
  if (!documentId) return;
  // Any locale row carries the non-localized state, so one row answers for the whole document.
  const row = await strapi.db
    .query(VERSION_UID)
    .findOne({ where: { documentId }, select: ['state', 'version', 'policyKey'] });
  if (!row) throw new errors.NotFoundError('Policy version not found');
  if (row.state !== 'draft') {
    throw conflictError(
      `Version ${row.version} of policy "${row.policyKey}" is ${row.state} and can never be ${verb}. ` +
        'To change its text, create a new draft version and publish it.',
      { policy: row.policyKey, version: row.version, state: row.state }
    );
  }
}
