import { createPolicy, getPolicyForEditors, importPolicyText } from '../../../../shared/contracts/admin-policies';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../../shared/locales';
import { normalizeLocale } from '../../domain/locales';
import { requestBody, type Context } from '../../http';
import type { LocaleRequest } from '../../services/reader';
import type { ImportInput } from '../../services/importer';
import type { CreatePolicyInput } from '../../services/policies';
import { parse, parseParams } from '.';
import { supportedLocale } from './acceptances';

/** Titles keyed by what clients write (`kz`, `ru-KZ`), stored by canonical locale; at least one. */
const titles = createPolicy.request.body.shape.titles.transform((raw, check) => {
  const byLocale: Partial<Record<PolicyLocale, string>> = {};
  for (const [tag, title] of Object.entries(raw)) {
    const locale = normalizeLocale(tag);
    if (locale) byLocale[locale] = title;
    else check.addIssue({ code: 'custom', path: [tag], message: `Unsupported locale "${tag}" in titles`, params: { supported: SUPPORTED_LOCALES } });
  }
  if (Object.keys(raw).length === 0) check.addIssue({ code: 'custom', message: 'A policy needs a title in at least one locale' });
  return byLocale;
});
const policyBody = createPolicy.request.body.extend({ titles });
const importBody = importPolicyText.request.body.extend({ locale: supportedLocale(importPolicyText.request.body.shape.locale) });

/** The editors' lists are titled in the language of the admin's Accept-Language. */
export const editorLocale = (ctx: Context): LocaleRequest => ({ locale: null, acceptLanguage: ctx.get('accept-language') });

export const policyRequest = (ctx: Context) => parseParams(getPolicyForEditors.request.params, ctx).key;

export const createPolicyRequest = (ctx: Context): CreatePolicyInput => parse(policyBody, requestBody(ctx));

export const importRequest = (ctx: Context): { key: string; input: ImportInput } => ({
  key: parseParams(importPolicyText.request.params, ctx).key,
  input: parse(importBody, requestBody(ctx)),
});
