import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtomSpace, parseAtomese } from '@ai-opencog/atomspace';
import { IdePage } from './support/ide-page';
import { ROOT, startIdeStack, type IdeStack } from './support/ide-stack';

/** What the kernel reads from examples/animals.scm: the counts the explorer must show. */
function kernelCounts(file: string): { total: number; concepts: number } {
  const space = new AtomSpace();
  parseAtomese(space, readFileSync(join(ROOT, 'examples', file), 'utf8'));
  return { total: space.size, concepts: space.countByType('ConceptNode', false) };
}

/*
 * The IDE end to end, as a user works in it: the knowledge and cognitive services and the IDE's
 * backend run as child processes (PGlite in a temporary folder, authentication on), and Debian's
 * Chromium shows the app. Each step saves a screenshot under test-artifacts/screenshots/.
 * Needs `npm run build` (the services and packages/theia-app) and /usr/bin/chromium.
 */

describe('the AI-OpenCog IDE in a browser', () => {
  let stack: IdeStack;
  let ide: IdePage;

  beforeAll(async () => {
    stack = await startIdeStack({ name: 'browser-test' });
    ide = await IdePage.launch();
  });

  /** Each step: on failure, a screenshot of what the page showed (test-artifacts/screenshots/failed-*.png). */
  const step = (name: string, title: string, work: () => Promise<void>) =>
    it(title, async () => {
      try {
        await work();
      } catch (error) {
        await ide?.screenshot(`failed-${name}`).catch(() => undefined);
        throw error;
      }
    });

  afterAll(async () => {
    await ide?.close();
    await stack?.stop();
  });

  step('01-workbench', 'opens the workbench with the services healthy in the status bar', async () => {
    await ide.open(stack.ideUrl);
    await ide.page.locator('#theia-statusBar', { hasText: 'AtomSpace: services ready' }).waitFor();
    await ide.screenshot('01-workbench');
  });

  step('02-explorer-after-load', 'loads an example file into a space with the command, and the explorer shows its atoms', async () => {
    await ide.openFile('animals.scm');
    await ide.command('AtomSpace: Load Current File into Space');
    await ide.notification('from animals.scm into space "default"').waitFor();
    await ide.command('AtomSpace: Refresh Explorer');
    const explorer = ide.page.locator('.aoc-explorer');
    const expected = kernelCounts('animals.scm');
    await explorer.locator('.aoc-atom-count', { hasText: `${expected.total} atoms` }).waitFor();
    const conceptRow = explorer.locator('.aoc-type-row', { hasText: 'ConceptNode' });
    expect(await conceptRow.locator('.aoc-count').innerText()).toBe(String(expected.concepts));
    await explorer.locator('.aoc-page-label', { hasText: `1–${expected.total} of ${expected.total}` }).waitFor();
    // Selecting an atom shows its values and its incoming and outgoing atoms.
    await explorer.locator('.aoc-atom-row', { hasText: '(Inheritance (Concept "cat") (Concept "mammal"))' }).first().click();
    await explorer.locator('.aoc-details', { hasText: '(stv 0.95 0.9)' }).waitFor();
    await explorer.locator('.aoc-details .aoc-subtitle', { hasText: 'Outgoing (2)' }).waitFor();
    await ide.screenshot('02-explorer-after-load');
  });

  step('03-query-groundings', 'runs the query under the cursor and shows its groundings in the results view', async () => {
    await ide.openFile('queries/mammals.scm');
    await ide.clickLine('InheritanceLink (VariableNode');
    await ide.command('AtomSpace: Run Query under Cursor');
    const results = ide.page.locator('.aoc-results');
    await results.locator('.aoc-results-summary', { hasText: '3 groundings' }).waitFor();
    const rows = await results.locator('.aoc-grounding').allInnerTexts();
    expect(rows.join('\n')).toContain('(Concept "cat")');
    expect(rows.join('\n')).toContain('(Concept "dog")');
    expect(rows.join('\n')).toContain('(Concept "whale")');
    await ide.screenshot('03-query-groundings');
  });

  step('04-backward-chaining-trace', 'runs backward chaining from the atom under the cursor with a rule base, and shows the inference trace', async () => {
    await ide.openFile('reasoning.scm');
    await ide.command('AtomSpace: Load Current File into Space');
    await ide.notification('from reasoning.scm into space "default"').waitFor();
    await ide.openFile('reasoning-targets.scm');
    await ide.clickLine('VariableNode "$where"');
    await ide.command('AtomSpace: Backward Chain to Atom under Cursor');
    await ide.pick('deduction-rbs');
    const results = ide.page.locator('.aoc-results');
    await results.locator('.aoc-results-title', { hasText: 'Backward chaining in default' }).waitFor({ timeout: 60_000 });
    const table = await results.locator('.aoc-results-table').innerText();
    expect(table).toContain('(Concept "France")');
    expect(table).toContain('(Concept "Europe")');
    // The trace: results, the deduction steps that concluded them, their premises.
    const trace = results.locator('.aoc-trace');
    await trace.locator('.aoc-rule', { hasText: 'inheritance-deduction-rule' }).first().waitFor();
    // Unfold a step: its premises appear.
    await trace.locator('.aoc-trace-step').first().click();
    await trace.locator('.aoc-trace-atom', { hasText: '(Concept "Paris")' }).first().waitFor();
    await ide.screenshot('04-backward-chaining-trace');
  });

  step('05-graph-view', 'opens the graph view of an atom from the explorer', async () => {
    const explorer = ide.page.locator('.aoc-explorer');
    await explorer.locator('.aoc-search').fill('Paris');
    await explorer.locator('.aoc-page-label', { hasText: '1–4 of 4' }).waitFor(); // Paris and the 3 links that hold it
    const row = explorer.locator('.aoc-atom-row', { hasText: '(Concept "Paris")' }).first();
    await row.waitFor();
    await row.click({ button: 'right' });
    await ide.page.locator('.lm-Menu-item', { hasText: 'Show in Graph' }).click();
    const graph = ide.page.locator('.aoc-graph');
    await graph.locator('.aoc-graph-status', { hasText: /^\d+ atoms, \d+ edges/ }).waitFor({ timeout: 60_000 });
    const status = await graph.locator('.aoc-graph-status').innerText();
    expect(Number(/^(\d+) atoms/.exec(status)![1])).toBeGreaterThan(3);
    await graph.locator('canvas').first().waitFor();
    await graph.locator('.aoc-legend-item', { hasText: 'ConceptNode' }).waitFor();
    await ide.screenshot('05-graph-view');
  });

  step('06-parse-error-marker', 'marks a parse error in the editor and in the Problems count', async () => {
    const editor = await ide.openFile('animals.scm');
    await editor.click();
    await ide.page.keyboard.press('Control+End');
    await ide.page.keyboard.press('Enter');
    await ide.page.keyboard.type('(Concept cat)'); // typed in full: an auto-closed ')' is typed over
    const squiggle = ide.page.locator('.theia-editor:visible .squiggly-error').first();
    await squiggle.waitFor({ state: 'attached', timeout: 30_000 });
    const problem = ide.page.locator('.theia-marker-container', { hasText: 'ConceptNode needs a name string' }).first();
    if (!(await problem.isVisible())) await ide.command('View: Toggle Problems');
    await ide.page.locator('.theia-marker-container, .theia-marker-node', { hasText: 'ConceptNode needs a name string' }).first().waitFor();
    await ide.screenshot('06-parse-error-marker');
  });

  step('07-completion-and-hover', 'completes type names and shows a type\'s place in the hierarchy on hover', async () => {
    await ide.clickLine('SimilarityLink');
    await ide.page.keyboard.press('Control+End');
    await ide.page.keyboard.press('Enter');
    await ide.page.keyboard.type('(Inherit');
    const suggestion = ide.page.locator('.suggest-widget .monaco-list-row', { hasText: 'InheritanceLink' }).first();
    await suggestion.waitFor({ timeout: 15_000 });
    await ide.screenshot('07a-type-completion');
    await ide.page.keyboard.press('Escape');
    await ide.page.locator('.theia-editor:visible .view-line span', { hasText: /^SimilarityLink$/ }).first().hover();
    await ide.page.locator('.monaco-hover', { hasText: 'SimilarityLink → UnorderedLink → Link → Atom → Value' }).first().waitFor({ timeout: 15_000 });
    await ide.screenshot('07b-type-hover');
  });

  step('08-mining', 'runs the pattern miner as a job and shows the patterns', async () => {
    await ide.command('AtomSpace: Run the Pattern Miner');
    await ide.quickInput.locator('input').first().fill('2');
    await ide.page.keyboard.press('Enter');
    const results = ide.page.locator('.aoc-results');
    await results.locator('.aoc-results-title', { hasText: 'Patterns mined in default' }).waitFor({ timeout: 120_000 });
    await results.locator('th', { hasText: 'surprisingness' }).waitFor();
    await ide.screenshot('08-mined-patterns');
  });

  step('09-export', 'exports the space to a file of the workspace and opens it', async () => {
    await ide.command('AtomSpace: Export Space to File…');
    const input = ide.quickInput.locator('input').first();
    await input.fill('exported/default.scm');
    await ide.page.keyboard.press('Enter');
    await ide.notification('Exported space "default"').waitFor();
    await ide.page.locator('.lm-TabBar-tab', { hasText: 'default.scm' }).first().waitFor();
    const text = readFileSync(join(stack.workspace, 'exported', 'default.scm'), 'utf8');
    const copy = new AtomSpace();
    parseAtomese(copy, text);
    expect(copy.getNode('ConceptNode', 'Montmartre')).toBeDefined();
    await ide.screenshot('09-exported-space');
  });

  step('10-knowledge-base', 'shows a knowledge base of the knowledge service, its types and a search', async () => {
    const headers = { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' };
    const created = await fetch(`${stack.knowledgeUrl}/v1/bases`, { method: 'POST', headers, body: JSON.stringify({ name: 'animals-kb' }) });
    expect(created.status).toBe(201);
    const atomese = readFileSync(join(ROOT, 'examples', 'animals.scm'), 'utf8');
    const added = await fetch(`${stack.knowledgeUrl}/v1/bases/animals-kb/atoms`, { method: 'POST', headers, body: JSON.stringify({ atomese, file: 'animals.scm' }) });
    expect(added.status).toBe(200);
    await ide.command('AtomSpace: Refresh Explorer');
    const explorer = ide.page.locator('.aoc-explorer');
    const select = explorer.locator('.aoc-source-select');
    await select.locator('option[value="base:animals-kb"]').waitFor({ state: 'attached' });
    await select.selectOption('base:animals-kb');
    const expected = kernelCounts('animals.scm');
    await explorer.locator('.aoc-atom-count', { hasText: `${expected.total} atoms` }).waitFor();
    await explorer.locator('.aoc-search').fill('pen');
    await explorer.locator('.aoc-atom-row', { hasText: '(Concept "penguin")' }).first().waitFor();
    await ide.screenshot('10-knowledge-base');
  });

  step('11-atom-actions', 'queries around an atom and removes it with the links that hold it, from the explorer\'s context menu', async () => {
    const explorer = ide.page.locator('.aoc-explorer');
    await explorer.locator('.aoc-source-select').selectOption('space:default');
    const count = explorer.locator('.aoc-atom-count');
    await count.filter({ hasText: /\d+ atoms/ }).waitFor();
    const before = Number((await count.innerText()).replace(/\D/g, ''));
    await explorer.locator('.aoc-search').fill('whale');
    const whale = explorer.locator('.aoc-atom-row', { hasText: /^\(Concept "whale"\)$/ }).first();
    await whale.waitFor();
    await whale.click({ button: 'right' });
    await ide.page.locator('.lm-Menu-item', { hasText: 'Query around Atom' }).click();
    const results = ide.page.locator('.aoc-results');
    await results.locator('.aoc-query-text', { hasText: '(InheritanceLink (ConceptNode "whale") (VariableNode "$x"))' }).waitFor();
    await results.locator('.aoc-grounding', { hasText: '(Concept "mammal")' }).waitFor();
    await ide.screenshot('11a-query-around');
    await whale.click({ button: 'right' });
    await ide.page.locator('.lm-Menu-item', { hasText: 'Remove Atom' }).click();
    const question = ide.notification('Remove it with them?');
    await question.waitFor();
    await question.locator('button', { hasText: 'Remove with links' }).click();
    await ide.notification(/Removed \d+ atoms from space "default"/).waitFor();
    await explorer.locator('.aoc-search').fill('');
    await explorer.locator('.aoc-page-label', { hasText: /^1–\d+ of \d+$/ }).waitFor();
    await explorer.locator('.aoc-details').waitFor({ state: 'detached' }); // the removed atom is no longer selected
    await ide.page.waitForFunction((n) => {
      const text = document.querySelector('.aoc-explorer .aoc-atom-count')?.textContent ?? '';
      return Number(text.replace(/\D/g, '')) < n;
    }, before);
    await ide.screenshot('11b-atom-removed');
  });
});
