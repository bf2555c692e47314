import adminApi from './admin-api';
import diff from './diff';
import publicApi from './public-api';

export default { 'admin-api': adminApi, diff, 'public-api': publicApi };
