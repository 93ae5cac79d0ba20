import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtomSpace, parseAtomese } from '@ai-opencog/atomspace';
import { freePort } from '@ai-opencog/service-kit';
import { describeError } from '../src/common/ai-opencog-errors';
import { AiOpencogServiceImpl } from '../src/node/ai-opencog-service-impl';
import { ServiceClients } from '../src/node/service-clients';
import { FALLBACK_SETTINGS } from '../src/node/service-settings';
import { SpaceSnapshots } from '../src/node/space-snapshots';
import { collectNeighbourhood } from '../src/node/atom-neighbourhood';

/*
 * The extension's backend against the real cognitive service (services/cognitive/lib/main.js,
 * built by `npm run build`), started here as a child process on 127.0.0.1 with a token. No
 * knowledge service: loads and saves are not used, and its /readyz says so.
 */

const ROOT = join(__dirname, '..', '..', '..');
const COGNITIVE = join(ROOT, 'services', 'cognitive', 'lib', 'main.js');

let child: ChildProcess;
let service: AiOpencogServiceImpl;
let clients: ServiceClients;
const token = `t-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  if (!existsSync(COGNITIVE)) throw new Error(`${COGNITIVE} is missing: run \`npm run build\` at the repository root`);
  const [port, nowhere] = [await freePort(), await freePort()];
  child = spawn(process.execPath, [COGNITIVE], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), AUTH_MODE: 'tokens', API_TOKENS: `ide:${token}:admin`, KNOWLEDGE_URL: `http://127.0.0.1:${nowhere}`, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  clients = new ServiceClients({ ...FALLBACK_SETTINGS, cognitiveUrl: url, knowledgeUrl: `http://127.0.0.1:${nowhere}`, token });
  service = new AiOpencogServiceImpl(clients, new SpaceSnapshots(() => clients.cognitive));
  const animals = readFileSync(join(ROOT, 'examples', 'animals.scm'), 'utf8');
  const reasoning = readFileSync(join(ROOT, 'examples', 'reasoning.scm'), 'utf8');
  await service.addAtoms('zoo', animals, 'animals.scm');
  await service.addAtoms('zoo', reasoning, 'reasoning.scm');
}, 60_000);

afterAll(() => {
  child?.kill('SIGKILL');
});

describe('AiOpencogServiceImpl against the cognitive service', () => {
  it('lists the space, its type counts and its atoms, and searches node names', async () => {
    const sources = await service.listSources();
    expect(sources).toContainEqual(expect.objectContaining({ source: { kind: 'space', name: 'zoo' } }));
    const detail = await service.getSource({ kind: 'space', name: 'zoo' });
    expect(detail.typeCounts).toContainEqual({ type: 'DefinedSchemaNode', count: 1 });
    const page = await service.listAtoms({ source: { kind: 'space', name: 'zoo' }, offset: 0, limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.hasMore).toBe(true);
    const found = await service.listAtoms({ source: { kind: 'space', name: 'zoo' }, search: 'PENGUIN', offset: 0, limit: 50 });
    expect(found.items.map((r) => r.atom.type).sort()).toEqual(['ConceptNode', 'EvaluationLink', 'InheritanceLink', 'ListLink']);
    expect(found.total).toBe(4);
  });

  it('reads an atom with its outgoing (with handles) and incoming atoms', async () => {
    const d = await service.getAtomDetails('zoo', { atomese: '(Inheritance (Concept "cat") (Concept "mammal"))' });
    expect(d.atom.tv).toMatchObject({ strength: 0.95, confidence: 0.9 });
    expect(d.outgoing.map((o) => o.atom.name)).toEqual(['cat', 'mammal']);
    const cat = await service.getAtomDetails('zoo', { handle: d.outgoing[0].handle });
    expect(cat.incomingCount).toBe(2); // the Inheritance and the Similarity
  });

  it('collects a neighbourhood to a depth, within a bound on atoms', async () => {
    const n = await service.neighbourhood('zoo', { atomese: '(Concept "mammal")' }, 2, 1000);
    const names = n.nodes.map((x) => x.atom.name).filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['mammal', 'cat', 'dog', 'whale', 'animal']));
    expect(n.nodes.find((x) => x.id === n.centre)?.depth).toBe(0);
    // every edge joins two collected atoms, from a link to one of its members
    const ids = new Set(n.nodes.map((x) => x.id));
    for (const e of n.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    const bounded = await service.neighbourhood('zoo', { atomese: '(Concept "mammal")' }, 3, 4);
    expect(bounded.nodes).toHaveLength(4);
    expect(bounded.truncated).toBe(true);
  });

  it('finds the same neighbourhood atom by atom (for spaces too large for a snapshot) as from a snapshot', async () => {
    const fromSnapshot = await service.neighbourhood('zoo', { atomese: '(Concept "cat")' }, 3, 1000);
    const fromService = await collectNeighbourhood(clients.cognitive, 'zoo', { atomese: '(Concept "cat")' }, { depth: 3, maxAtoms: 1000 });
    const ids = (n: typeof fromSnapshot) => n.nodes.map((x) => `${x.id}@${x.depth}`).sort();
    const edges = (n: typeof fromSnapshot) => n.edges.map((e) => `${e.source}>${e.position}>${e.target}`).sort();
    expect(ids(fromService)).toEqual(ids(fromSnapshot));
    expect(edges(fromService)).toEqual(edges(fromSnapshot));
    const counts = (n: typeof fromSnapshot) => Object.fromEntries(n.nodes.filter((x) => x.depth < 3).map((x) => [x.id, x.incomingCount]));
    expect(counts(fromService)).toEqual(counts(fromSnapshot));
  });

  it('sees atoms added by the IDE at once (its snapshot is dropped)', async () => {
    await service.addAtoms('bats', '(Inheritance (Concept "cat") (Concept "mammal"))', 'cat.scm');
    await service.listAtoms({ source: { kind: 'space', name: 'bats' }, search: 'mammal', offset: 0, limit: 50 });
    await service.addAtoms('bats', '(Inheritance (Concept "bat") (Concept "mammal"))', 'bat.scm');
    const found = await service.listAtoms({ source: { kind: 'space', name: 'bats' }, search: 'bat', offset: 0, limit: 50 });
    expect(found.items.length).toBe(2);
    const n = await service.neighbourhood('bats', { atomese: '(Concept "bat")' }, 1, 100);
    expect(n.nodes).toHaveLength(2);
  });

  it('runs a query and finds the rule bases the space defines', async () => {
    const q = await service.runQuery('zoo', '(Get (Inheritance (Variable "$x") (Concept "mammal")))', { maxResults: 10 });
    expect(q.result.kind === 'set' && q.result.atoms.map((a) => a.name).sort()).toEqual(['cat', 'dog', 'whale']);
    expect(await service.listRuleBases('zoo')).toEqual(['deduction-rbs']);
  });

  it('runs backward chaining with the rule base, with a trace', async () => {
    const jobId = await service.startJob({
      kind: 'backward-chain',
      space: 'zoo',
      target: '(InheritanceLink (ConceptNode "Montmartre") (VariableNode "$where"))',
      rules: { ruleBase: 'deduction-rbs' },
      maximumIterations: 30,
    });
    const outcome = await service.awaitJob(jobId);
    if (outcome.kind === 'mine') throw new Error('not a chaining outcome');
    const where = outcome.result.results.map((r) => r.atom.outgoing?.[1].name);
    expect(where).toEqual(expect.arrayContaining(['Paris', 'France', 'Europe']));
    expect(outcome.result.trace?.some((s) => s.rule === 'inheritance-deduction-rule')).toBe(true);
  });

  it('exports a space as Atomese that reads back to the same atoms', async () => {
    const exported = await service.exportSpace('zoo');
    const info = await service.getSource({ kind: 'space', name: 'zoo' });
    expect(exported.atomCount).toBe(info.atomCount);
    const copy = new AtomSpace();
    parseAtomese(copy, exported.atomese);
    expect(copy.size).toBe(info.atomCount);
    expect(exported.atomese).toContain('(InheritanceLink (stv 0.95 0.9)');
  });

  it('removes an atom, refusing while links hold it unless recursive', async () => {
    const d = await service.getAtomDetails('zoo', { atomese: '(Concept "ocean")' });
    const refused = await service.removeAtom('zoo', d.handle, false).catch((e: unknown) => e);
    expect(describeError(refused)).toMatch(/^Could not remove the atom from space "zoo": /);
    expect(await service.removeAtom('zoo', d.handle, true)).toBeGreaterThan(1);
  });

  it('answers bad Atomese with the reader\'s position', async () => {
    const error = await service.addAtoms('zoo', '(Concept "a")\n(Inheritance (Concept "b")', 'bad.scm').catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/^Could not load bad.scm into space "zoo": bad\.scm:2:1: /);
  });
});
