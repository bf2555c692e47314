'use strict';

// The bench's reference for "Strapi alone": a content-API route as public as the plugin's, with no work.
module.exports = {
  routes: [{ method: 'GET', path: '/bench-noop', handler: 'bench-text.noop', config: { auth: false, policies: [] } }],
};
