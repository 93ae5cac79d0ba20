import { IdePage } from '../test/support/ide-page';
import { startIdeStack } from '../test/support/ide-stack';

/*
 * The IDE's benchmark, one JSON line per figure: the time from navigation to a usable workbench
 * (the shell shown and the loading screen gone; then until the status bar has the services'
 * health), cold (fresh browser profile) and warm (reloads); and the AtomSpace explorer's time to
 * show a space of 100,000 atoms (from choosing it until its count, type counts and first page of
 * atoms are on screen), and a search of node names in it; and the graph view's time to fetch and
 * draw a neighbourhood of 3,281 atoms. The whole stack runs for real, as in the browser tests.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIG_ATOMS = 100_000;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { runs: sorted.length, medianMs: at(0.5), minMs: sorted[0], maxMs: sorted[sorted.length - 1] };
}

function line(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

const FAN_OUT = 40;
/** A two-level tree: a hub, 40 concepts under it, 40 under each: 3,281 atoms within 4 links of the hub. */
function treeText(): string {
  const parts: string[] = [];
  for (let m = 0; m < FAN_OUT; m++) {
    parts.push(`(Inheritance (Concept "mid-${m}") (Concept "hub"))`);
    for (let l = 0; l < FAN_OUT; l++) parts.push(`(Inheritance (Concept "leaf-${m}-${l}") (Concept "mid-${m}"))`);
  }
  return parts.join('\n');
}
const TREE_ATOMS = 1 + 2 * FAN_OUT + 2 * FAN_OUT * FAN_OUT;

/** 50,000 ConceptNodes in a ring of 50,000 InheritanceLinks: 100,000 atoms. */
function bigSpaceText(): string {
  const half = BIG_ATOMS / 2;
  const parts: string[] = [];
  for (let i = 0; i < half; i++) parts.push(`(Inheritance (Concept "c${i}") (Concept "c${(i + 1) % half}"))`);
  return parts.join('\n');
}

async function cognitive(stack: { cognitiveUrl: string; token: string }, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(stack.cognitiveUrl + path, {
    method,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function main(): Promise<void> {
  const stack = await startIdeStack({ name: 'bench', userSettings: { 'aiOpencog.graph.maxAtoms': 5000 } });
  const ide = await IdePage.launch();
  try {
    // Navigation to a usable workbench.
    const shell: number[] = [];
    const healthy: number[] = [];
    const status = ide.page.locator('#theia-statusBar', { hasText: 'AtomSpace: services ready' });
    for (let run = 0; run <= RUNS; run++) {
      const started = Date.now();
      const ms = await ide.open(stack.ideUrl);
      await status.waitFor({ timeout: 60_000 });
      const health = Date.now() - started;
      if (run === 0) {
        line({ workload: 'IDE: navigation to a usable workbench, cold (fresh browser profile)', shellMs: ms, servicesHealthShownMs: health });
      } else {
        shell.push(ms);
        healthy.push(health);
      }
    }
    line({ workload: 'IDE: navigation to a usable workbench (shell shown, loading screen gone), warm', ...stats(shell) });
    line({ workload: 'IDE: navigation until the status bar shows the services ready, warm', ...stats(healthy) });

    // The explorer on a space of 100,000 atoms.
    await cognitive(stack, 'POST', '/v1/spaces', { name: 'small' });
    await cognitive(stack, 'POST', '/v1/spaces/small/atoms', { atomese: '(Concept "a")' });
    await cognitive(stack, 'POST', '/v1/spaces', { name: 'big' });
    const loadStarted = Date.now();
    await cognitive(stack, 'POST', '/v1/spaces/big/atoms', { atomese: bigSpaceText(), file: 'big.scm' });
    const info = (await cognitive(stack, 'GET', '/v1/spaces/big')) as { atomCount: number };
    if (info.atomCount !== BIG_ATOMS) throw new Error(`the big space has ${info.atomCount} atoms, not ${BIG_ATOMS}`);
    const loadMs = Date.now() - loadStarted;
    await ide.command('AtomSpace: Refresh Explorer');
    const explorer = ide.page.locator('.aoc-explorer');
    const select = explorer.locator('.aoc-source-select');
    await select.locator('option[value="space:big"]').waitFor({ state: 'attached' });
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await select.selectOption('space:small');
      await explorer.locator('.aoc-atom-count', { hasText: /^1 atoms$/ }).waitFor();
      const started = Date.now();
      await select.selectOption('space:big');
      await explorer.locator('.aoc-atom-count', { hasText: '100,000 atoms' }).waitFor({ timeout: 60_000 });
      await explorer.locator('.aoc-page-label', { hasText: 'of 100,000' }).waitFor({ timeout: 60_000 });
      await explorer.locator('.aoc-type-row', { hasText: 'InheritanceLink' }).waitFor();
      samples.push(Date.now() - started);
    }
    const rows = await explorer.locator('.aoc-atom-row').count();
    line({ workload: 'IDE explorer: choose a space of 100,000 atoms until its count, type counts and first page show', atoms: BIG_ATOMS, pageRows: rows, ...stats(samples), spaceLoadedViaApiMs: loadMs });

    // Searching the big space (a scan in the extension's backend).
    const search: number[] = [];
    for (let run = 0; run < Math.max(3, RUNS); run++) {
      await explorer.locator('.aoc-search').fill('');
      await explorer.locator('.aoc-page-label', { hasText: 'of 100,000' }).waitFor({ timeout: 60_000 });
      const started = Date.now();
      await explorer.locator('.aoc-search').fill(`c4999${run}`);
      await explorer.locator('.aoc-search').press('Enter');
      await explorer.locator('.aoc-atom-row', { hasText: `"c4999${run}"` }).first().waitFor({ timeout: 120_000 });
      await explorer.locator('.aoc-page-label', { hasText: /of \d+$/ }).waitFor({ timeout: 120_000 });
      search.push(Date.now() - started);
    }
    line({
      workload: 'IDE explorer: search node names in a space of 100,000 atoms (the first search takes the backend\'s snapshot of the space, the next ones read it)',
      atoms: BIG_ATOMS,
      firstMs: search[0],
      next: stats(search.slice(1)),
    });

    // The graph view on a neighbourhood of a few thousand atoms.
    await cognitive(stack, 'POST', '/v1/spaces', { name: 'tree' });
    await cognitive(stack, 'POST', '/v1/spaces/tree/atoms', { atomese: treeText(), file: 'tree.scm' });
    await ide.command('AtomSpace: Refresh Explorer');
    await select.locator('option[value="space:tree"]').waitFor({ state: 'attached' });
    await select.selectOption('space:tree');
    await explorer.locator('.aoc-search').fill('hub');
    await explorer.locator('.aoc-search').press('Enter');
    const hub = explorer.locator('.aoc-atom-row', { hasText: /^\(Concept "hub"\)$/ }).first();
    await hub.waitFor({ timeout: 60_000 });
    await hub.click({ button: 'right' });
    await ide.page.locator('.lm-Menu-item', { hasText: 'Show in Graph' }).click();
    const graph = ide.page.locator('.aoc-graph');
    const graphStatus = graph.locator('.aoc-graph-status');
    await graphStatus.filter({ hasText: /^81 atoms/ }).waitFor({ timeout: 60_000 });
    const graphSamples: number[] = [];
    for (let run = 0; run < Math.min(RUNS, 3); run++) {
      await graph.locator('.aoc-graph-depth').selectOption('1');
      await graphStatus.filter({ hasText: /^41 atoms/ }).waitFor({ timeout: 60_000 });
      const started = Date.now();
      await graph.locator('.aoc-graph-depth').selectOption('4');
      await graphStatus.filter({ hasText: `${TREE_ATOMS.toLocaleString('en-US')} atoms` }).waitFor({ timeout: 120_000 });
      graphSamples.push(Date.now() - started);
    }
    const drawn = /([\d,]+) atoms, ([\d,]+) edges/.exec(await graphStatus.innerText());
    line({
      workload: 'IDE graph view: fetch and draw the neighbourhood of a hub to depth 4 (3,281 atoms) until drawn',
      atoms: Number(drawn?.[1].replace(/,/g, '')),
      edges: Number(drawn?.[2].replace(/,/g, '')),
      ...stats(graphSamples),
    });
    await ide.screenshot('bench-graph-3281-atoms');
  } finally {
    await ide.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
