'use strict';

// Only ever required inside Jest, whose ts-jest transform compiles the source on the fly.
module.exports = require('../../../server/src/index.ts').default;
