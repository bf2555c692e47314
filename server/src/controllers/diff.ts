import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseVersionNumber } from '../domain/request-params';
import type { DiffFormat, DiffView } from '../services/diff';
import { queryValue } from '../utils/query';
import { sendPrepared, type Context } from '../http';
import { localeRequest } from './validation/policies';
import { getService } from '../utils/plugin';

const FORMATS: readonly DiffFormat[] = ['json', 'html'];
const VIEWS: readonly DiffView[] = ['inline', 'side-by-side'];
// Strapi documentIds are 24 lowercase letters and digits; anything far from that is refused before a query.
const DOCUMENT_ID_RE = /^[A-Za-z0-9]{1,64}$/;

/** An empty value (`?from=`) counts as absent, so URL templates with blank parameters work. */
const optional = (ctx: Context, name: string): string | undefined => queryValue(ctx.query, name) || undefined;

function oneOf<T extends string>(ctx: Context, name: string, allowed: readonly T[]): T {
  const value = optional(ctx, name) ?? allowed[0];
  if (!(allowed as readonly string[]).includes(value)) {
    throw new errors.ValidationError(`"${name}" must be one of: ${allowed.join(', ')}`, { [name]: value });
  }
  return value as T;
}

function versionNumber(ctx: Context, name: string): number | undefined {
  const value = optional(ctx, name);
  if (value === undefined) return undefined;
  const version = parseVersionNumber(value);
  if (version === null) throw new errors.ValidationError(`"${name}" must be a positive whole version number`, { [name]: value });
  return version;
}

function documentId(value: string | undefined, name: string): string {
  if (value === undefined) throw new errors.ValidationError(`"${name}" is required: a version's documentId`, { [name]: null });
  if (!DOCUMENT_ID_RE.test(value)) throw new errors.ValidationError(`"${name}" is not a documentId`, { [name]: value });
  return value;
}

/** Thin HTTP glue over the diff service: parameters parsed and refused here, everything else there. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'diff');

  return {
    /** Public: `GET /api/policy-versions/policies/:key/diff`. */
    async published(ctx: Context) {
      const request = {
        ...localeRequest(ctx, queryValue(ctx.query, 'locale')),
        from: versionNumber(ctx, 'from'),
        to: versionNumber(ctx, 'to'),
        format: oneOf(ctx, 'format', FORMATS),
        view: oneOf(ctx, 'view', VIEWS),
      };
      sendPrepared(ctx, await service().published(ctx.params.key, request));
    },

    /** Admin: `GET /policy-versions/diff`; `from` defaults to the version in force. */
    async drafts(ctx: Context) {
      const from = optional(ctx, 'from') ?? 'current';
      ctx.body = {
        data: await service().drafts({
          from: from === 'current' ? from : documentId(from, 'from'),
          to: documentId(optional(ctx, 'to'), 'to'),
          locale: optional(ctx, 'locale'),
        }),
      };
    },
  };
};
