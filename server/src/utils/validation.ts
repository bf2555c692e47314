import { yup } from '@strapi/utils';
import { isWellFormed, NOT_WELL_FORMED } from '../../../shared/unicode';

const message = `\${path} ${NOT_WELL_FORMED}`;

/** A yup string that must be well-formed Unicode (domain/unicode.ts); the 400 names the field. */
export const wellFormedString = () =>
  yup.string().test('well-formed', message, (value) => typeof value !== 'string' || isWellFormed(value));

/** The same rule for every string value of an object with free keys (a policy's titles), each named by its path. */
export const wellFormedValues = {
  name: 'well-formed',
  test(this: yup.TestContext, value: unknown) {
    for (const [key, item] of Object.entries(value ?? {})) {
      if (typeof item === 'string' && !isWellFormed(item)) return this.createError({ path: `${this.path}.${key}`, message });
    }
    return true;
  },
};
