import policySchema from '../../../content-types/policy/schema.json';
import acceptanceSchema from '../../../content-types/acceptance/schema.json';
import ledgerHeadSchema from '../../../content-types/ledger-head/schema.json';
import policyVersionSchema from '../../../content-types/policy-version/schema.json';
import ledgerNodeSchema from '../../../content-types/ledger-node/schema.json';
import ledgerCheckpointSchema from '../../../content-types/ledger-checkpoint/schema.json';
import policyReleaseSchema from '../../../content-types/policy-release/schema.json';
import withdrawalOutcomeSchema from '../../../content-types/withdrawal-outcome/schema.json';
import webhookNoticeSchema from '../../../content-types/webhook-notice/schema.json';

export default {
  policy: { schema: policySchema },
  'policy-version': { schema: policyVersionSchema },
  'policy-release': { schema: policyReleaseSchema },
  acceptance: { schema: acceptanceSchema },
  'ledger-head': { schema: ledgerHeadSchema },
  'ledger-node': { schema: ledgerNodeSchema },
  'ledger-checkpoint': { schema: ledgerCheckpointSchema },
  'withdrawal-outcome': { schema: withdrawalOutcomeSchema },
  'webhook-notice': { schema: webhookNoticeSchema },
};
