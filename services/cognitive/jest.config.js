const { withPGlite, ...base } = require('../../jest.config.base.js');

// The real knowledge service runs in the tests on PGlite.
module.exports = withPGlite({ ...base, testTimeout: 60_000 });
