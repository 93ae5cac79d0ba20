import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { AtomSpace, AtomeseError, AtomeseReader, loadAtomese, parseAtomese, type TypeRegistry } from '../src';
import { DATASETS_DIR, datasetTypes, describeSpace, prng, splitAt } from './support/helpers';

jest.setTimeout(600_000);

/** ATOMESE_FUZZ_SCALE=10 runs ten times as many cases, with other seeds. */
const SCALE = Number(process.env.ATOMESE_FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.round(n * SCALE);

const types: TypeRegistry = datasetTypes();
const FILE = 'fuzz.scm';

type Outcome = { ok: true; space: string[] } | { ok: false; line: number; column: number; reason: string };

/** Checks that `e` is a well-formed AtomeseError pointing into `text`, and describes it. */
function checkedError(e: unknown, text: string): Outcome {
  if (!(e instanceof AtomeseError)) {
    throw new Error(`not an AtomeseError: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}\ninput: ${JSON.stringify(text)}`);
  }
  const lines = text.split('\n');
  const ok =
    e.code === 'PARSE_ERROR' &&
    e.file === FILE &&
    Number.isInteger(e.line) &&
    Number.isInteger(e.column) &&
    e.line >= 1 &&
    e.column >= 1 &&
    e.line <= lines.length &&
    e.column <= lines[e.line - 1].length + 1 &&
    e.reason.length > 0 &&
    e.message === `${FILE}:${e.line}:${e.column}: ${e.reason}`;
  if (!ok) throw new Error(`malformed error ${e.line}:${e.column} ${e.message} for input ${JSON.stringify(text)}`);
  return { ok: false, line: e.line, column: e.column, reason: e.reason };
}

function readWhole(text: string): Outcome {
  const space = new AtomSpace({ types });
  try {
    parseAtomese(space, text, { file: FILE });
  } catch (e) {
    return checkedError(e, text);
  }
  return { ok: true, space: describeSpace(space) };
}

function readChunked(text: string, chunks: string[]): Outcome {
  const space = new AtomSpace({ types });
  try {
    const reader = new AtomeseReader(space, { file: FILE });
    for (const c of chunks) reader.push(c);
    reader.end();
  } catch (e) {
    return checkedError(e, text);
  }
  return { ok: true, space: describeSpace(space) };
}

const PRELUDE = '(Concept "a" (stv 0.5 0.5)) (List (Concept "a") (Concept "b")) (Predicate "name" (av 1 2 3))';

/** The reader must succeed or throw a good AtomeseError, the same whatever the chunking, and atomically. */
async function checkInput(text: string, random: () => number): Promise<Outcome> {
  const whole = readWhole(text);
  const cuts = Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * (text.length + 1)));
  const chunked = readChunked(text, splitAt(text, cuts));
  if (JSON.stringify(chunked) !== JSON.stringify(whole)) {
    throw new Error(`chunking at ${cuts} changes the outcome of ${JSON.stringify(text)}: ${JSON.stringify(whole).slice(0, 300)} vs ${JSON.stringify(chunked).slice(0, 300)}`);
  }
  const space = new AtomSpace({ types });
  parseAtomese(space, PRELUDE);
  const before = describeSpace(space);
  let atomic: Outcome;
  try {
    await loadAtomese(space, splitAt(text, cuts), { atomic: true, file: FILE });
    const reference = new AtomSpace({ types });
    parseAtomese(reference, PRELUDE);
    parseAtomese(reference, text);
    expect(describeSpace(space)).toEqual(describeSpace(reference));
    atomic = { ok: true, space: [] };
  } catch (e) {
    atomic = checkedError(e, text);
    expect(describeSpace(space)).toEqual(before);
  }
  expect(atomic.ok).toBe(whole.ok);
  if (!atomic.ok && !whole.ok) expect(atomic).toEqual(whole);
  return whole;
}

/** Tokens and fragments that exercise every path of the lexer and the interpreter. */
const FRAGMENTS = [
  '(', ')', '[', ']', '"', '\\', ';', '#|', '|#', '#!', '!#', '#;', '#', '|', "'", '`', ',', ' ', '\n', '\r\n', '\t', '\ufeff',
  'x', 'u', 'U', '41', 'D800', ';', '0', '1', '-1', '0.5', '1e400', '.', '+inf.0', 'abc', 'λ', '😀', '\ud800',
  'ConceptNode', 'Concept', 'ListLink', 'List', 'SetLink', 'Node', 'Link', 'NumberNode', 'GeneNode', 'FooNode', 'VariableNode',
  'DefineLink', 'StateLink', 'DefinedSchemaNode', 'AnchorNode',
  'stv', 'ctv', 'av', 'alist', 'cons', 'FloatValue', 'StringValue', 'LinkValue',
  'define', 'use-modules', 'opencog', 'setlocale', 'cog-set-tv!', 'cog-set-av!', 'cog-set-value!',
  '(Concept "a")', '(stv 0.5 0.5)', '(av 1 2 3)', '(List ', '"name"', '"\\x41;"', '"\\u03bb"',
];

describe('the reader never fails badly', () => {
  it('on random unicode text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer(), async (text, seed) => {
        await checkInput(text, prng(seed));
      }),
      { numRuns: runs(500) },
    );
  });

  it('on random code units, lone surrogates included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 100 }), fc.integer(), async (units, seed) => {
        await checkInput(String.fromCharCode(...units), prng(seed));
      }),
      { numRuns: runs(300) },
    );
  });

  it('on random sequences of Atomese fragments', async () => {
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join('')),
        fc.integer(),
        async (text, seed) => {
          if (!(await checkInput(text, prng(seed))).ok) failures++;
        },
      ),
      { numRuns: runs(2000) },
    );
    // the fragments must reach the error paths (and not only them)
    expect(failures).toBeGreaterThan(runs(100));
    expect(failures).toBeLessThan(runs(2000));
  });

  it('on nested Atomese built at random', async () => {
    const leaf = fc.constantFrom('(Concept "a")', '(Gene "g")', 'x', '"s"', '1', '(stv 1 1)', '(av 0 0 0)', '(Number 2)', '(Variable "$v")');
    const tree: fc.Arbitrary<string> = fc.letrec<{ t: string }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc
          .tuple(fc.constantFrom('List', 'Set', 'Evaluation', 'Define', 'State', 'define x', 'alist', 'cons', 'LinkValue', 'Node'), fc.array(tie('t'), { maxLength: 4 }))
          .map(([head, items]) => `(${[head, ...items].join(' ')})`),
      ),
    })).t;
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { maxLength: 5 }), fc.integer(), async (forms, seed) => {
        if ((await checkInput(forms.join('\n'), prng(seed))).ok) successes++;
      }),
      { numRuns: runs(1000) },
    );
    expect(successes).toBeGreaterThan(runs(50));
  });
});

describe('mutations of real dataset snippets', () => {
  /** Top-level forms of the three files: the lines that start a form at column 1. */
  const snippets: string[][] = ['dpedia.scm', 'Mid-level-ontology.scm', 'sample_dataset.scm'].map((name) => {
    const text = readFileSync(path.join(DATASETS_DIR, name), 'utf8').slice(0, 400_000);
    const starts = [...text.matchAll(/^[(;]/gm)].map((m) => m.index!);
    return starts.slice(0, -1).map((s, i) => text.slice(s, starts[i + 1]));
  });

  function mutate(text: string, random: () => number): string {
    const pick = (n: number) => Math.floor(random() * n);
    const fragments = ['(', ')', '"', '\\', ';', '#|', '#;', ' ', '\n', '[', ']', 'x', '\\x4', 'Foo', 'Node', '(stv 2 2)', '(av', '#!'];
    let s = text;
    const n = 1 + pick(4);
    for (let i = 0; i < n; i++) {
      const at = pick(s.length + 1);
      switch (pick(6)) {
        case 0: // flip one character to a random code unit
          s = s.slice(0, at) + String.fromCharCode(pick(0x80 + (random() < 0.1 ? 0xff80 : 0))) + s.slice(at + 1);
          break;
        case 1: // insert a syntax fragment
          s = s.slice(0, at) + fragments[pick(fragments.length)] + s.slice(at);
          break;
        case 2: // delete a run
          s = s.slice(0, at) + s.slice(at + 1 + pick(8));
          break;
        case 3: // truncate
          s = s.slice(0, at);
          break;
        case 4: // duplicate a run
          s = s.slice(0, at) + s.slice(at, at + pick(40)) + s.slice(at);
          break;
        default: // swap two characters
          s = s.slice(0, at) + s.slice(at + 1, at + 2) + s.slice(at, at + 1) + s.slice(at + 2);
      }
    }
    return s;
  }

  it('are read or refused with a good error, the same in any chunking, atomically', async () => {
    const random = prng(20240501 + SCALE - 1);
    let ok = 0;
    let failed = 0;
    for (let run = 0; run < runs(3000); run++) {
      const forms = snippets[run % 3];
      const first = Math.floor(random() * forms.length);
      const count = 1 + Math.floor(random() * 3);
      const original = forms.slice(first, first + count).join('').slice(0, 4000);
      const text = run % 10 === 0 ? original : mutate(original, random);
      if ((await checkInput(text, random)).ok) ok++;
      else failed++;
    }
    expect(ok).toBeGreaterThan(runs(300));
    expect(failed).toBeGreaterThan(runs(1000));
  });

  it('unmutated snippets always read', async () => {
    const random = prng(7);
    for (const forms of snippets) {
      for (let i = 0; i < 50; i++) {
        const text = forms[Math.floor(random() * forms.length)];
        expect(await checkInput(text, random)).toMatchObject({ ok: true });
      }
    }
  });
});
