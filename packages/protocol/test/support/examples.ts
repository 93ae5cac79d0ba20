import type { CognitiveRoutes, KnowledgeRoutes } from '../../src';

/** A good request and response of a route, in wire form (query values as the URL carries them). */
export interface RouteExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  response?: unknown;
}

const now = '2025-06-01T12:00:00.000Z';
const cat = { type: 'ConceptNode', name: 'cat' };
const animal = { type: 'ConceptNode', name: 'animal' };
const inheritance = { type: 'InheritanceLink', outgoing: [cat, animal], tv: { type: 'stv', strength: 0.9, confidence: 0.8 } };
const record = { handle: '17', atom: inheritance, atomese: '(InheritanceLink (stv 0.9 0.8) (ConceptNode "cat") (ConceptNode "animal"))' };
const accepted = { jobId: '3f2a9c1e-0000-4000-8000-000000000001' };
const job = {
  id: accepted.jobId,
  kind: 'forward-chain',
  status: 'running',
  progress: { done: 3, total: 10, message: 'iteration 3' },
  createdAt: now,
  startedAt: now,
};
const space = { name: 'scratch', atomCount: 3, createdAt: now, loadedFrom: { base: 'animals' } };
const base = { name: 'animals', description: 'a taxonomy', atomCount: 120, createdAt: now, updatedAt: now };
const snapshot = { name: 'before-merge', base: 'animals', atomCount: 120, createdAt: now };
const backup = { name: 'nightly-2025-06-01', bases: ['animals'], atomCount: 120, sizeBytes: 40_960, createdAt: now };
const jobRouteExamples = {
  listJobs: { query: { status: 'running', limit: '10' }, response: { jobs: [job] } },
  getJob: { params: { jobId: job.id }, response: { ...job, status: 'succeeded', finishedAt: now, result: { any: 'thing' } } },
  cancelJob: { params: { jobId: job.id }, response: { ...job, status: 'cancelled', finishedAt: now } },
};

export const cognitiveExamples: Record<keyof CognitiveRoutes, RouteExample> = {
  listSpaces: { response: { spaces: [space] } },
  createSpace: { body: { name: 'scratch', load: { base: 'animals' } }, response: { space, jobId: accepted.jobId } },
  getSpace: { params: { space: 'scratch' }, response: { ...space, typeCounts: [{ type: 'ConceptNode', count: 2 }] } },
  dropSpace: { params: { space: 'scratch' } },
  loadSpace: { params: { space: 'scratch' }, body: { base: 'animals', snapshot: 'before-merge' }, response: accepted },
  saveSpace: { params: { space: 'scratch' }, body: { base: 'animals', mode: 'replace', createBase: true }, response: accepted },
  addAtoms: {
    params: { space: 'scratch' },
    body: { atomese: '(Inheritance (Concept "cat") (Concept "animal"))', file: 'cats.scm' },
    response: { count: 1, atoms: [record], truncated: false },
  },
  listAtoms: {
    params: { space: 'scratch' },
    query: { type: 'ConceptNode', subtypes: 'true', limit: '2', atomese: 'true' },
    response: { items: [record], total: 3, nextCursor: 'c2' },
  },
  lookupAtom: { params: { space: 'scratch' }, body: { atom: cat }, response: { ...record, incomingCount: 1 } },
  getAtom: {
    params: { space: 'scratch', handle: '17' },
    query: { incoming: 'true' },
    response: { ...record, incomingCount: 1, incoming: [{ handle: '20', atom: { type: 'ListLink', outgoing: [inheritance] } }] },
  },
  removeAtom: { params: { space: 'scratch', handle: '17' }, query: { recursive: 'true' }, response: { removed: 2 } },
  runQuery: {
    params: { space: 'scratch' },
    body: { query: '(Get (Inheritance (Variable "$x") (Concept "animal")))', maxResults: 100, timeLimitMs: 5_000 },
    response: { kind: 'set', complete: true, atoms: [cat], atomese: '(SetLink (ConceptNode "cat"))' },
  },
  forwardChain: {
    params: { space: 'scratch' },
    body: { ruleBase: 'pln-rbs', source: '(Concept "cat")', maximumIterations: 20, complexityPenalty: 0.1, trace: true, seed: 7 },
    response: accepted,
  },
  backwardChain: {
    params: { space: 'scratch' },
    body: { rules: ['deduction-inheritance-rule'], target: '(Inheritance (Variable "$x") (Concept "animal"))', vardecl: '(Variable "$x")' },
    response: accepted,
  },
  mine: {
    params: { space: 'scratch' },
    body: { minsup: 5, initialPattern: '(Lambda (Variable "$x") (Present (Variable "$x")))', maximumConjuncts: 3, surprisingness: 'nisurp-old' },
    response: accepted,
  },
  runAttention: {
    params: { space: 'scratch' },
    body: { stimuli: [{ atom: { atomese: '(Concept "cat")' }, stimulus: 100 }], cycles: 50, seed: 1 },
    response: accepted,
  },
  ...jobRouteExamples,
};

export const knowledgeExamples: Record<keyof KnowledgeRoutes, RouteExample> = {
  listBases: { response: { bases: [base] } },
  createBase: { body: { name: 'animals', description: 'a taxonomy' }, response: base },
  getBase: { params: { base: 'animals' }, response: base },
  updateBase: { params: { base: 'animals' }, body: { name: 'fauna' }, response: { ...base, name: 'fauna' } },
  deleteBase: { params: { base: 'animals' } },
  addBaseAtoms: { params: { base: 'animals' }, body: { atoms: [inheritance] }, response: { count: 1, atomCount: 121 } },
  searchAtoms: {
    params: { base: 'animals' },
    query: { name: 'ca', match: 'prefix', type: 'ConceptNode', offset: '0', limit: '20' },
    response: { items: [{ handle: 'n:42', atom: cat }], total: 1 },
  },
  countTypes: { params: { base: 'animals' }, response: { total: 3, counts: [{ type: 'ConceptNode', count: 2 }, { type: 'InheritanceLink', count: 1 }] } },
  importAtoms: { params: { base: 'animals' }, query: { file: 'big.scm', atomic: 'false' }, body: { atomese: '(Concept "cat")' }, response: accepted },
  exportAtoms: { params: { base: 'animals' }, query: { format: 'jsonl', type: 'Link' } },
  listSnapshots: { params: { base: 'animals' }, response: { snapshots: [snapshot] } },
  createSnapshot: { params: { base: 'animals' }, body: { name: 'before-merge' }, response: snapshot },
  restoreSnapshot: { params: { base: 'animals', snapshot: 'before-merge' }, response: accepted },
  deleteSnapshot: { params: { base: 'animals', snapshot: 'before-merge' } },
  createBackup: { body: { base: 'animals', description: 'before the upgrade' }, response: accepted },
  listBackups: { response: { backups: [backup] } },
  downloadBackup: { params: { backup: backup.name } },
  uploadBackup: { params: { backup: backup.name }, response: backup },
  deleteBackup: { params: { backup: backup.name } },
  restore: { body: { from: 'journal', base: 'animals', timestamp: now, target: 'animals-restored' }, response: accepted },
  getJournal: { params: { base: 'animals' }, response: { base: 'animals', firstSequence: 1, lastSequence: 5_000, firstTimestamp: now, lastTimestamp: now } },
  ...jobRouteExamples,
};
