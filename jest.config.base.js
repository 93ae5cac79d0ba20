const { join } = require('node:path');

/** Shared jest settings: TypeScript tests through ts-jest, one config per package. */
const base = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/**
 * The settings of a package whose tests load PGlite (storage, and the services running on it):
 * PGlite's CommonJS build loads Node built-ins with import(), which Jest's sandbox refuses; one
 * shared transform turns them into require().
 */
function withPGlite(config) {
  return {
    ...config,
    transform: {
      ...config.transform,
      '/@electric-sql/pglite/dist/.+\\.cjs$': join(__dirname, 'jest', 'pglite-dynamic-import.js'),
    },
    transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  };
}

// Not enumerable: `{...base}` stays a plain jest config.
Object.defineProperty(base, 'withPGlite', { value: withPGlite, enumerable: false });
module.exports = base;
