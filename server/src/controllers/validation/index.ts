import { errors, z } from '@strapi/utils';
import { issueField } from '../../../../shared/contracts/route';
import type { Context } from '../../http';

/**
 * Parsing at the edge, in one style: the contracts' zod schemas (shared/contracts), refined here where a
 * rule needs server code, turn a request into the typed input a service takes. A failure is a 400 in
 * Strapi's error shape whose message names the field; `details.errors` lists every problem.
 */

// Messages for the issues a schema does not word itself, so every 400 says which field and why.
const explain = (issue: z.core.$ZodRawIssue): string | undefined => {
  const field = `"${issueField(issue)}"`;
  switch (issue.code) {
    case 'invalid_type':
      if (Array.isArray(issue.input) && issue.expected === 'string') return `Query parameter ${field} must be given once`;
      return issue.input === undefined ? `${field} is required` : `${field} must be ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'too_big':
      return `${field} must be at most ${issue.maximum}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? `${field} must not be empty`
        : `${field} must be at least ${issue.minimum}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_value':
      return `${field} must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `${field} is not in the expected format`;
    default:
      return undefined;
  }
};

const article = (expected: string) => (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);

/** The schema's output for `value`, or a 400 (ValidationError) with the first problem as its message. */
export function parse<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value, { error: explain });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, name: 'ValidationError' }));
  throw new errors.ValidationError(problems[0]?.message ?? 'Invalid request', { errors: problems });
}

/** The request's query string, parsed. */
export const parseQuery = <Schema extends z.ZodType>(schema: Schema, ctx: Context) => parse(schema, ctx.query);

/** The query string with empty values (`?from=`) left out, so forms and URL templates can send every field. */
export const parseFilledQuery = <Schema extends z.ZodType>(schema: Schema, ctx: Context) =>
  parse(schema, Object.fromEntries(Object.entries(ctx.query).filter(([, value]) => value !== '')));

/** The path parameters, parsed. */
export const parseParams = <Schema extends z.ZodType>(schema: Schema, ctx: Context) => parse(schema, ctx.params);

/**
 * `schema`'s string as `parseValue` reads it (a locale tag, a date): what it cannot read is one issue on the
 * field, worded by `message`; nothing is parsed after an earlier problem.
 */
export const parsedBy = <T>(schema: z.ZodString, parseValue: (value: string) => T | null, message: (field: string, value: string) => string) =>
  schema
    .refine((value) => parseValue(value) !== null, { error: (issue) => message(issueField(issue), String(issue.input)) })
    .transform((value) => parseValue(value) as T);
