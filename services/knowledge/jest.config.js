const { withPGlite, ...base } = require('../../jest.config.base.js');

module.exports = withPGlite({ ...base, testTimeout: 60_000 });
