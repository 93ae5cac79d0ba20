/*
 * The images' HEALTHCHECK: `node /app/docker/runtime/healthcheck.js [PATH] [PORT]` asks
 * http://127.0.0.1:PORT/PATH (PORT: the argument, else $PORT; PATH: /healthz) and exits 0 on a
 * 2xx answer within HEALTHCHECK_TIMEOUT_MS (3000), 1 otherwise. Plain Node: the images have no curl.
 */
'use strict';

const http = require('node:http');

const path = process.argv[2] || '/healthz';
const port = Number(process.argv[3] || process.env.PORT || 8080);
const timeout = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);

const req = http.get({ host: '127.0.0.1', port, path, timeout }, (res) => {
  res.resume();
  process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', (e) => {
  process.stderr.write(`healthcheck: ${e.message}\n`);
  process.exit(1);
});
