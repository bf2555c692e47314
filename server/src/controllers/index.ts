import adminApi from './admin-api';
import publicApi from './public-api';

export default { 'admin-api': adminApi, 'public-api': publicApi };
