import acceptances from './acceptances';
import adminPolicies from './admin-policies';
import diff from './diff';
import evidence from './evidence';
import ledger from './ledger';
import openapi from './openapi';
import policies from './policies';
import versions from './versions';
import withdrawals from './withdrawals';

export default { acceptances, 'admin-policies': adminPolicies, diff, evidence, ledger, openapi, policies, versions, withdrawals };
