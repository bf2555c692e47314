/** A policy key: lower-case letters, digits and dashes, at most 64 (also in content-types/policy/schema.json). */
export const POLICY_KEY_PATTERN = '[a-z0-9][a-z0-9-]{0,63}';

export const POLICY_KEY_RULE = 'lower-case letters, digits and dashes, starting with a letter or digit, at most 64';

const POLICY_KEY_RE = new RegExp(`^${POLICY_KEY_PATTERN}$`);

export const isPolicyKey = (value: unknown): value is string => typeof value === 'string' && POLICY_KEY_RE.test(value);
