const { withPGlite, ...base } = require('../../jest.config.base.js');

module.exports = withPGlite(base);
