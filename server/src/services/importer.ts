import type { Core } from '@strapi/strapi';
import { errors, yup, validateYupSchema } from '@strapi/utils';
import { importPolicyText, type ImportFormat } from '../domain/import-text';
import { parseLocale } from '../utils/errors';
import { wellFormedString } from '../utils/validation';
import { MAX_BODY_CHARS } from './versions';
import { getService } from '../utils/plugin';

const importSchema = yup
  .object({
    text: wellFormedString().required().max(1_000_000),
    format: yup.string().oneOf(['text', 'markdown']).default('text'),
    locale: yup.string().required(),
    title: wellFormedString().max(255),
    documentId: yup.string().max(64),
  })
  .noUnknown();

/** Turns a plain-text or Markdown policy into a draft's body for one locale (a new draft unless one is named). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The conversion alone, for seed scripts that build drafts themselves. */
  toMarkdown: (text: string, format: ImportFormat = 'text') => importPolicyText(text, format),

  async importIntoDraft(policyKey: string, input: unknown) {
    const valid = (await validateYupSchema(importSchema, { strict: true })(input)) as {
      text: string;
      format?: ImportFormat;
      locale: string;
      title?: string;
      documentId?: string;
    };
    const locale = parseLocale(valid.locale);
    const body = importPolicyText(valid.text, valid.format ?? 'text');
    if (body.trim() === '') throw new errors.ValidationError('The imported text is empty');
    // Escapes can make the Markdown longer than the text; the draft would refuse it only after being created.
    if (body.length > MAX_BODY_CHARS) {
      throw new errors.ValidationError(`The imported text is ${body.length} characters as Markdown, over the limit of ${MAX_BODY_CHARS}`, {
        characters: body.length,
        maxCharacters: MAX_BODY_CHARS,
      });
    }

    const versions = getService(strapi, 'versions');
    const draft = valid.documentId ? await versions.get(valid.documentId) : await versions.createDraft(policyKey);
    if (draft.policyKey !== policyKey) {
      throw new errors.ValidationError(`Draft ${valid.documentId} belongs to policy "${draft.policyKey}", not "${policyKey}"`);
    }
    const data: Record<string, string> = { body };
    if (valid.title) data.title = valid.title;
    return versions.updateDraftLocale(draft.documentId, locale, data);
  },
});
