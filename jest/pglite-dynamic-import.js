/**
 * Jest transform for PGlite's CommonJS build: it loads Node built-ins with `import("fs")`, which
 * Jest's module sandbox refuses without --experimental-vm-modules. The built-ins are the same
 * through require, so `import("x")` becomes a promise of the module's require("x") (taken at the
 * top of the file: the bundle shadows the name `require` further in).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const self = readFileSync(__filename);

module.exports = {
  process(source) {
    const code = source.replace(/\bimport\(("[^"]+")\)/g, 'Promise.resolve(__requireBuiltin($1))');
    return { code: `var __requireBuiltin = require;${code}` };
  },
  getCacheKey(source, path) {
    return createHash('sha1').update(self).update(path).update(source).digest('hex');
  },
};
