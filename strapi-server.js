'use strict';

// Strapi resolves the package's `exports['./strapi-server']`; this file serves tools that look for it by name.
module.exports = require('./dist/server');
