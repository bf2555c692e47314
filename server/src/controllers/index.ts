import acceptances from './acceptances';
import acceptancesAdmin from './acceptances-admin';
import adminApi from './admin-api';
import diff from './diff';
import publicApi from './public-api';

export default { acceptances, 'acceptances-admin': acceptancesAdmin, 'admin-api': adminApi, diff, 'public-api': publicApi };
