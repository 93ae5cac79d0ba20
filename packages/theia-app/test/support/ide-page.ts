import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ARTIFACTS } from './ide-stack';

/*
 * The IDE in Debian's Chromium, driven by playwright-core: a fresh profile each time, and the few
 * gestures the tests need (command palette, quick open, quick picks), each as a user makes them.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class IdePage {
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(`pageerror: ${e.message}`));
  }

  static async launch(viewport = { width: 1440, height: 900 }): Promise<IdePage> {
    const profile = mkdtempSync(join(tmpdir(), 'ai-opencog-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    return new IdePage(context, page, profile);
  }

  /** Opens the app and waits for a usable workbench: the shell shown, the preload screen gone. */
  async open(url: string): Promise<number> {
    const started = Date.now();
    await this.page.goto(url);
    await this.page.waitForSelector('#theia-app-shell', { state: 'visible', timeout: 90_000 });
    await this.page.waitForSelector('.theia-preload', { state: 'detached', timeout: 90_000 });
    return Date.now() - started;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }

  async screenshot(name: string): Promise<string> {
    const dir = join(ARTIFACTS, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the command palette (F1), by its label as the palette shows it. */
  async command(label: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await this.quickInput.waitFor({ state: 'visible' });
    await this.page.keyboard.type(label);
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** Picks the item labelled `label` in the open quick pick. */
  async pick(label: string): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible' });
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(path: string): Promise<Locator> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+p');
    await this.quickInput.waitFor({ state: 'visible' });
    await this.page.keyboard.type(path);
    const base = path.split('/').pop()!;
    // Click the file's own row: the list refines as the search answers, so Enter may hit another.
    const row = this.quickInput.locator('.monaco-list-row', { hasText: base }).first();
    await row.waitFor({ state: 'visible' });
    await this.page.waitForTimeout(300);
    await row.click();
    const editor = this.page.locator('.theia-editor:visible .monaco-editor').first();
    await editor.waitFor({ state: 'visible' });
    await this.page.locator('.lm-TabBar-tab.theia-mod-active', { hasText: base }).first().waitFor({ state: 'visible' });
    return editor;
  }

  /** Clicks in the visible editor on the first line holding `text` (puts the cursor there). */
  async clickLine(text: string): Promise<void> {
    const line = this.page.locator('.theia-editor:visible .view-line', { hasText: text }).first();
    await line.waitFor({ state: 'visible' });
    await line.click();
  }

  /** A notification (toast) holding `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.theia-notification-list-item', { hasText: text }).first();
  }
}
