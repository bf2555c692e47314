'use strict';

const { factories } = require('@strapi/strapi');

// Create only: bench/ledger.ts compares the ledger's POST with Strapi's stock REST create.
module.exports = factories.createCoreRouter('api::bench-acceptance.bench-acceptance', { only: ['create'] });
