import { errors, z } from '@strapi/utils';
import { acceptPolicy, getConsentStatus, listOwnAcceptances, subjectId, withdrawConsent } from '../../../../shared/contracts/acceptances';
import { issueField } from '../../../../shared/contracts/route';
import { NOT_WELL_FORMED } from '../../../../shared/unicode';
import { ERASED_PREFIX } from '../../domain/ledger/chain';
import { MAX_METADATA_DEPTH, metadataProblem } from '../../domain/ledger/metadata';
import { normalizeLocale } from '../../domain/locales';
import { requestBody, type Context } from '../../http';
import type { AcceptInput, WithdrawInput } from '../../services/ledger';
import { unsupportedLocaleError } from '../../utils/errors';
import { parse, parsedBy, parseParams, parseQuery } from '.';

/** A subject named by a client. Erasure gives its pseudonyms this prefix: a subject that had it could pass for an erased record. */
export const subject = subjectId.refine((value) => !value.startsWith(ERASED_PREFIX), {
  error: (issue) => `${issueField(issue)} must not start with "${ERASED_PREFIX}", the prefix of erased records`,
});

/** A supported locale from a client's tag (`kz` and regional tags accepted); the issue lists the supported ones. */
export const supportedLocale = (tag: z.ZodString) => parsedBy(tag, normalizeLocale, (_field, value) => unsupportedLocaleError(value).message);

const acceptBody = acceptPolicy.request.body.extend({
  locale: supportedLocale(acceptPolicy.request.body.shape.locale),
  subject: subject.optional(),
});
const withdrawBody = withdrawConsent.request.body.extend({ subject: subject.optional() });
const statusQuery = getConsentStatus.request.query.extend({ subject: subject.optional() });

/**
 * `metadata` as the ledger takes it: a JSON object within the depth and size limits, checked before anything
 * canonicalises it (domain/ledger/metadata.ts walks without recursing and stops at the limit); too large is a 413.
 */
function checkedMetadata(value: unknown, maxBytes: number): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  const problem = metadataProblem(value, { maxDepth: MAX_METADATA_DEPTH, maxBytes });
  switch (problem?.kind) {
    case undefined:
      return value as Record<string, unknown>;
    case 'not-object':
      throw new errors.ValidationError('metadata must be a JSON object');
    case 'too-large':
      throw new errors.PayloadTooLargeError(`metadata must be at most ${maxBytes} bytes of JSON`, { maxMetadataBytes: maxBytes });
    case 'too-deep':
      throw new errors.ValidationError(`metadata must nest at most ${problem.maxDepth} levels deep`, { path: problem.path, maxDepth: problem.maxDepth });
    case 'not-well-formed':
      throw new errors.ValidationError(`${problem.path} ${NOT_WELL_FORMED}`, { path: problem.path });
    case 'not-json':
      throw new errors.ValidationError(`${problem.path} is not a JSON value`, { path: problem.path });
  }
}

export const acceptRequest = (ctx: Context, maxMetadataBytes: number): { key: string; body: AcceptInput } => {
  const { key } = parseParams(acceptPolicy.request.params, ctx);
  const { metadata, ...body } = parse(acceptBody, requestBody(ctx));
  return { key, body: { ...body, metadata: checkedMetadata(metadata, maxMetadataBytes) } };
};

export const withdrawRequest = (ctx: Context): { key: string; body: WithdrawInput } => ({
  key: parseParams(withdrawConsent.request.params, ctx).key,
  body: parse(withdrawBody, requestBody(ctx)),
});

export const statusRequest = (ctx: Context) => ({
  key: parseParams(getConsentStatus.request.params, ctx).key,
  subject: parseQuery(statusQuery, ctx).subject,
});

export const ownHistoryRequest = (ctx: Context) => parseParams(listOwnAcceptances.request.params, ctx);
