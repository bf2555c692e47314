'use strict';

// The playground loads the plugin's built dist/, so a bench must never measure a build older than the source.
const { ensurePluginBuild } = require('../../scripts/lib/build');

const ensurePluginBuilt = () => ensurePluginBuild({ log: (message) => console.log(`${message} ...`) });

module.exports = { ensurePluginBuilt };
