import policySchema from '../../../content-types/policy/schema.json';
import policyVersionSchema from '../../../content-types/policy-version/schema.json';

export default {
  policy: { schema: policySchema },
  'policy-version': { schema: policyVersionSchema },
};
