const base = require('../../jest.config.base.js');

module.exports = {
  ...base,
  // The real knowledge service runs in the tests on PGlite, whose CommonJS build loads Node
  // built-ins with import(), which Jest's sandbox refuses: they become require() here.
  transform: {
    ...base.transform,
    '/@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/test/support/dynamic-import-to-require.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  testTimeout: 60_000,
};
