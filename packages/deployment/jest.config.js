const base = require('../../jest.config.base.js');

module.exports = {
  ...base,
  // The checks start real programs (Prometheus, promtool, the services as child processes).
  testTimeout: 180_000,
};
