/**
 * Puppeteer comes with @theia/cli (packages/theia-app). It must not download a browser of its own:
 * nothing outside the package registries can be fetched here, and the IDE's browser tests drive
 * Debian's Chromium through playwright-core instead.
 */
module.exports = { skipDownload: true };
