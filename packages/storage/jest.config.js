const base = require('../../jest.config.base.js');

module.exports = {
  ...base,
  transform: {
    ...base.transform,
    '/@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/test/support/dynamic-import-to-require.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
};
