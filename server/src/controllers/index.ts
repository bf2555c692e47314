import acceptances from './acceptances';
import acceptancesAdmin from './acceptances-admin';
import adminApi from './admin-api';
import diff from './diff';
import policies from './policies';

export default { acceptances, 'acceptances-admin': acceptancesAdmin, 'admin-api': adminApi, diff, policies };
