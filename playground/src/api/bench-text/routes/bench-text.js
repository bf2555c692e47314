'use strict';

const { factories } = require('@strapi/strapi');

// Read routes only: the bench writes its one entry through the admin's Content Manager API.
module.exports = factories.createCoreRouter('api::bench-text.bench-text', { only: ['find', 'findOne'] });
