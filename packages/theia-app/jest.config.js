/** Browser tests: the real services and the IDE's backend as child processes, Chromium driven by playwright-core. */
module.exports = { ...require('../../jest.config.base.js'), testTimeout: 300_000 };
