import acceptances from './acceptances';
import adminPolicies from './admin-policies';
import diff from './diff';
import evidence from './evidence';
import ledger from './ledger';
import openapi from './openapi';
import policies from './policies';
import versions from './versions';

export default { acceptances, 'admin-policies': adminPolicies, diff, evidence, ledger, openapi, policies, versions };
