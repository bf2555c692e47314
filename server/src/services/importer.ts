import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MAX_BODY_CHARS, type EditorVersion } from '../../../shared/contracts/versions';
import type { PolicyLocale } from '../../../shared/locales';
import { importPolicyText, type ImportFormat } from '../domain/import-text';
import { getService } from '../utils/plugin';
import type { DraftText } from './versions';

export interface ImportInput {
  text: string;
  format: ImportFormat;
  locale: PolicyLocale;
  /** The locale's title; absent: left as it is. */
  title?: string;
  /** A draft of the policy to import into; absent: a new draft. */
  documentId?: string;
}

/** Turns a plain-text or Markdown policy into a draft's body for one locale (a new draft unless one is named). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The conversion alone, for seed scripts that build drafts themselves. */
  toMarkdown: (text: string, format: ImportFormat = 'text') => importPolicyText(text, format),

  async importIntoDraft(policyKey: string, input: ImportInput): Promise<EditorVersion> {
    const body = importPolicyText(input.text, input.format);
    if (body.trim() === '') throw new errors.ValidationError('The imported text is empty');
    // Escapes can make the Markdown longer than the text; the draft would refuse it only after being created.
    if (body.length > MAX_BODY_CHARS) {
      throw new errors.ValidationError(`The imported text is ${body.length} characters as Markdown, over the limit of ${MAX_BODY_CHARS}`, {
        characters: body.length,
        maxCharacters: MAX_BODY_CHARS,
      });
    }

    const versions = getService(strapi, 'versions');
    const draft = input.documentId ? await versions.get(input.documentId) : await versions.createDraft(policyKey);
    if (draft.policyKey !== policyKey) {
      throw new errors.ValidationError(`Draft ${input.documentId} belongs to policy "${draft.policyKey}", not "${policyKey}"`);
    }
    const text: DraftText = input.title ? { body, title: input.title } : { body };
    return versions.updateDraftLocale(draft.documentId, input.locale, text);
  },
});
