import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { POLICY_UID, RELEASE_UID, VERSION_UID } from '../constants';
import { contentHash } from '../domain/hash';
import { isTrustedWrite } from '../utils/trusted-writes';
import { READS } from './append-only-acceptances';

type Data = Record<string, unknown>;

const GUARDED: readonly string[] = [POLICY_UID, VERSION_UID, RELEASE_UID];

// The stored hash always follows the stored body; a blank body has no text to hash, which is also how
// readers tell that a locale is missing.
const withHash = (data: Data): Data =>
  typeof data.body === 'string'
    ? { ...data, contentHash: data.body.trim() === '' ? null : contentHash(data.body) }
    : data;

/**
 * Document Service middleware: policies and versions are written only by the plugin's services, which
 * validate every write and mark it trusted. Everything else that goes through the Document Service (the
 * Content Manager, Strapi's REST and GraphQL, other code calling strapi.documents, clone and discard
 * actions) is refused, drafts included, so no such path can demote, renumber or rewrite a version or change a
 * policy's settings. Published texts are served from releases, which i18n does not manage at all.
 */
export const registerImmutableVersions = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (!GUARDED.includes(context.uid) || READS.has(context.action)) return next();
    if (!isTrustedWrite()) {
      throw new errors.ForbiddenError(
        'Policies and their versions are edited only through the policy-versions plugin (its admin screens or ' +
          'its editor API), which checks every change; a published version never changes: publish a new one instead.',
        { uid: context.uid, action: context.action }
      );
    }
    const params = context.params as { data?: Data };
    if (context.uid === VERSION_UID && params.data) params.data = withHash(params.data);
    return next();
  });
};
