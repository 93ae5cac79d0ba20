import { z } from 'zod';
import {
  atomJsonSchema,
  atomRefSchema,
  atomsInputSchema,
  attentionRequestSchema,
  backwardChainRequestSchema,
  createSpaceRequestSchema,
  forwardChainRequestSchema,
  listAtomsQuerySchema,
  LIMITS,
  mineRequestSchema,
  queryRequestSchema,
  restoreRequestSchema,
  searchAtomsQuerySchema,
  streamClientMessageSchema,
  streamServerMessageSchema,
  truthValueJsonSchema,
  updateBaseRequestSchema,
  valueJsonSchema,
} from '../src';

/** The issues of a rejected value, as `path: message` lines. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const cat = { type: 'ConceptNode', name: 'cat' };
const animal = { type: 'Concept', name: 'animal' };

describe('atoms and values, as the kernel writes them', () => {
  it('takes nodes, links, truth values, attention values and keyed values', () => {
    const atom = {
      type: 'InheritanceLink',
      outgoing: [cat, animal],
      tv: { type: 'stv', strength: 0.8, confidence: 0.9 },
      av: { sti: 10, lti: 2, vlti: 0 },
      values: [
        { key: { type: 'PredicateNode', name: 'weights' }, value: { kind: 'float', items: [1, 2.5] } },
        { key: { type: 'PredicateNode', name: 'names' }, value: { kind: 'string', items: ['a'] } },
        {
          key: { type: 'PredicateNode', name: 'links' },
          value: { kind: 'link', items: [{ kind: 'atom', atom: cat }, { kind: 'tv', type: 'ctv', strength: 1, confidence: 0.5, count: 4 }] },
        },
      ],
    };
    expect(atomJsonSchema.parse(atom)).toEqual(atom);
    expect(atomJsonSchema.parse({ type: 'ListLink', outgoing: [] })).toEqual({ type: 'ListLink', outgoing: [] });
    expect(truthValueJsonSchema.parse({ strength: 1, confidence: 0 })).toEqual({ strength: 1, confidence: 0 });
  });

  it('says what is wrong with a bad atom, and where', () => {
    expect(problems(atomJsonSchema, { type: 'ConceptNode' })).toEqual([': an atom has either a name (a node) or an outgoing set (a link)']);
    expect(problems(atomJsonSchema, { type: 'ListLink', name: 'x', outgoing: [] })).toEqual([
      ': an atom has either a name (a node) or an outgoing set (a link)',
    ]);
    expect(problems(atomJsonSchema, { type: 'Concept Node', name: 'x' })).toEqual(['type: a type name is a CamelCase identifier such as ConceptNode']);
    expect(problems(atomJsonSchema, { type: 'ListLink', outgoing: [{ type: 'ConceptNode', name: 7 }] })).toEqual([
      'outgoing.0.name: Invalid input: expected string, received number',
    ]);
    expect(problems(atomJsonSchema, { ...cat, tv: { strength: 1.5, confidence: 0.5 } })).toEqual([
      'tv.strength: Too big: expected number to be <=1',
    ]);
    expect(problems(truthValueJsonSchema, { type: 'ctv', strength: 1, confidence: 0.5 })).toEqual(['count: a ctv has a count']);
    expect(problems(valueJsonSchema, { kind: 'matrix', items: [] })[0]).toMatch(/^kind: Invalid discriminator value. Expected 'tv' \| 'av'/);
  });

  it('bounds names, outgoing sets and type names', () => {
    expect(problems(atomJsonSchema, { type: 'ConceptNode', name: 'x'.repeat(LIMITS.atomName + 1) })[0]).toMatch(/^name: Too big/);
    expect(problems(atomJsonSchema, { type: 'ListLink', outgoing: Array(LIMITS.arity + 1).fill(cat) })[0]).toMatch(/^outgoing: Too big/);
    expect(problems(atomJsonSchema, { type: 'T'.repeat(LIMITS.typeName + 1), name: 'x' })[0]).toMatch(/^type: Too big/);
  });

  it('atoms to add come as Atomese or JSON, not both, and a file name goes with Atomese', () => {
    expect(atomsInputSchema.parse({ atomese: '(Concept "cat")', file: 'cats.scm' })).toEqual({ atomese: '(Concept "cat")', file: 'cats.scm' });
    expect(atomsInputSchema.parse({ atoms: [cat] })).toEqual({ atoms: [cat] });
    expect(problems(atomsInputSchema, {})).toEqual([': give either atomese (Atomese text) or atoms (JSON atoms)']);
    expect(problems(atomsInputSchema, { atomese: 'x', atoms: [] })).toEqual([': give either atomese (Atomese text) or atoms (JSON atoms)']);
    expect(problems(atomsInputSchema, { atoms: [cat], file: 'x.scm' })).toEqual(['file: file names the Atomese text; it goes with atomese']);
    expect(problems(atomsInputSchema, { atoms: [], colour: 'red' })).toEqual([': Unrecognized key: "colour"']);
    expect(problems(atomsInputSchema, { atoms: Array(LIMITS.atomsPerRequest + 1).fill(cat) })[0]).toMatch(/^atoms: Too big/);
  });

  it('an atom reference names it one way only', () => {
    expect(atomRefSchema.parse({ handle: '42' })).toEqual({ handle: '42' });
    expect(problems(atomRefSchema, { handle: '42', atomese: '(Concept "cat")' })).toEqual([
      ': name the atom by exactly one of handle, atom (JSON) or atomese',
    ]);
    expect(problems(atomRefSchema, { handle: '../etc' })[0]).toMatch(/^handle: a handle is/);
  });
});

describe('cognitive requests', () => {
  it('space names are URL-safe and bounded', () => {
    expect(createSpaceRequestSchema.parse({ name: 'scratch-1.v2' })).toEqual({ name: 'scratch-1.v2' });
    for (const name of ['', 'has space', '-leading', 'x'.repeat(65), 'a/b']) {
      expect(problems(createSpaceRequestSchema, { name })[0]).toMatch(/^name: a name is 1-64 letters/);
    }
  });

  it('query limits are checked', () => {
    expect(queryRequestSchema.parse({ query: '(Get (Variable "$x"))', maxResults: 10 })).toMatchObject({ maxResults: 10 });
    expect(problems(queryRequestSchema, { query: '' })[0]).toMatch(/^query: Too small/);
    expect(problems(queryRequestSchema, { query: 'x', timeLimitMs: LIMITS.queryTimeLimitMs + 1 })[0]).toMatch(/^timeLimitMs: Too big/);
    expect(problems(queryRequestSchema, { query: 'x', maxResults: 1.5 })[0]).toMatch(/^maxResults: Invalid input: expected int/);
    expect(problems(queryRequestSchema, { query: 'x', maxIterations: 3 })).toEqual([': Unrecognized key: "maxIterations"']);
  });

  it('chaining needs rules, and bounds its parameters', () => {
    expect(forwardChainRequestSchema.parse({ ruleBase: 'pln-rbs', source: '(Concept "cat")' })).toEqual({
      ruleBase: 'pln-rbs',
      source: '(Concept "cat")',
      trace: false,
    });
    expect(backwardChainRequestSchema.parse({ rules: ['deduction'], target: 'x', maximumBitSize: 100 }).rules).toEqual(['deduction']);
    expect(problems(forwardChainRequestSchema, { source: 'x' })).toEqual(['ruleBase: give a ruleBase, rules, or both']);
    expect(problems(forwardChainRequestSchema, { rules: [], source: 'x' })[0]).toMatch(/^rules: Too small/);
    expect(problems(forwardChainRequestSchema, { ruleBase: 'r', source: 'x', complexityPenalty: -1 })[0]).toMatch(/^complexityPenalty: Too small/);
    expect(problems(backwardChainRequestSchema, { ruleBase: 'r', target: 'x', seed: 2 ** 32 })[0]).toMatch(/^seed: Too big/);
  });

  it('mining and attention requests have defaults and bounds', () => {
    expect(mineRequestSchema.parse({ minsup: 5 })).toEqual({ minsup: 5, surprisingness: 'nisurp' });
    expect(problems(mineRequestSchema, { minsup: 0 })[0]).toMatch(/^minsup: Too small/);
    expect(problems(mineRequestSchema, { minsup: 2, surprisingness: 'wow' })[0]).toMatch(/^surprisingness: Invalid option/);
    expect(attentionRequestSchema.parse({ cycles: 10 })).toEqual({ cycles: 10, stimuli: [], focusSize: 20 });
    expect(problems(attentionRequestSchema, { cycles: 10, stimuli: [{ atom: { handle: '1' }, stimulus: -5 }] })[0]).toMatch(
      /^stimuli\.0\.stimulus: Too small/,
    );
  });

  it('query strings are read from their text form', () => {
    expect(listAtomsQuerySchema.parse({ type: 'ConceptNode', subtypes: 'false', limit: '50', offset: '100' })).toEqual({
      type: 'ConceptNode',
      subtypes: false,
      atomese: false,
      limit: 50,
      offset: 100,
    });
    expect(listAtomsQuerySchema.parse({})).toEqual({ subtypes: true, atomese: false, limit: LIMITS.defaultPageSize });
    expect(problems(listAtomsQuerySchema, { limit: '5000' })[0]).toMatch(/^limit: Too big: expected number to be <=1000/);
    expect(problems(listAtomsQuerySchema, { cursor: 'abc', offset: '3' })).toEqual(['cursor: give either cursor or offset, not both']);
    expect(problems(searchAtomsQuerySchema, { match: 'fuzzy' })[0]).toMatch(/^match: Invalid option/);
  });
});

describe('knowledge requests', () => {
  it('a rename gives something to change', () => {
    expect(problems(updateBaseRequestSchema, {})).toEqual([': give a new name, a description, or both']);
  });

  it('restores from a backup or to a point in the journal', () => {
    expect(restoreRequestSchema.parse({ from: 'backup', backup: 'nightly' })).toEqual({ from: 'backup', backup: 'nightly', overwrite: false });
    expect(restoreRequestSchema.parse({ from: 'journal', base: 'kb', timestamp: '2025-01-02T03:04:05.000Z' })).toMatchObject({ from: 'journal' });
    expect(problems(restoreRequestSchema, { from: 'journal', base: 'kb', timestamp: '2025-01-02T03:04:05Z', sequence: 4 })).toEqual([
      'timestamp: give the point to restore to: a timestamp or a sequence number',
    ]);
    expect(problems(restoreRequestSchema, { from: 'backup', backup: 'b', target: 'copy' })).toEqual(['target: a target name needs exactly one base']);
    expect(problems(restoreRequestSchema, { from: 'journal', base: 'kb', timestamp: 'yesterday' })[0]).toMatch(/^timestamp: Invalid ISO datetime/);
    expect(problems(restoreRequestSchema, { from: 'tape' })[0]).toMatch(/^from: Invalid discriminator value/);
  });
});

describe('stream messages', () => {
  it('client messages are told apart by type', () => {
    expect(streamClientMessageSchema.parse({ type: 'subscribe-space', id: 'r1', space: 'scratch' })).toEqual({
      type: 'subscribe-space',
      id: 'r1',
      space: 'scratch',
    });
    expect(streamClientMessageSchema.parse({ type: 'ping' })).toEqual({ type: 'ping' });
    expect(problems(streamClientMessageSchema, { type: 'subscribe-job' })).toEqual(['jobId: Invalid input: expected string, received undefined']);
    expect(problems(streamClientMessageSchema, { type: 'ping', id: 'x'.repeat(65) })[0]).toMatch(/^id: Too big/);
    expect(problems(streamClientMessageSchema, { type: 'shout' })[0]).toMatch(/^type: Invalid discriminator value/);
  });

  it('server messages carry atoms, values, job progress, results and errors', () => {
    const messages = [
      { type: 'atom-added', space: 's', handle: '1', atom: cat },
      { type: 'atom-removed', space: 's', handle: '1', atom: cat },
      { type: 'value-changed', space: 's', handle: '1', atom: cat, value: { kind: 'tv', type: 'stv', strength: 1, confidence: 1 } },
      { type: 'value-changed', space: 's', handle: '1', atom: cat, key: { type: 'PredicateNode', name: 'k' }, value: null },
      { type: 'job-progress', jobId: 'j1', kind: 'mine', progress: { done: 1, total: 10, message: 'expanding' } },
      { type: 'job-finished', jobId: 'j1', kind: 'mine', result: { patterns: [] } },
      { type: 'job-failed', jobId: 'j1', kind: 'mine', error: { code: 'QUERY_TIMEOUT', message: 'too slow' } },
      { type: 'job-cancelled', jobId: 'j1', kind: 'mine' },
      { type: 'error', id: 'r1', error: { code: 'SPACE_NOT_FOUND', message: 'no space s' } },
      { type: 'ack', id: 'r1' },
      { type: 'pong' },
    ];
    for (const message of messages) expect(streamServerMessageSchema.parse(message)).toEqual(message);
    expect(problems(streamServerMessageSchema, { type: 'job-failed', jobId: 'j', kind: 'k', error: { code: 'OOPS', message: '' } })[0]).toMatch(
      /^error\.code: Invalid option/,
    );
  });
});
