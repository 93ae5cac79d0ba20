import fc from 'fast-check';
import {
  AtomSpaceError,
  AtomeseError,
  AtomeseReader,
  loadAtomese,
  parseAtomese,
  stv,
  type Atom,
  type AtomSpace,
  type AtomSpaceEvent,
} from '../src';
import { atomeseError, describeSpace, describeValue, freshSpace, splitAt } from './support/helpers';

/** Every feature of the syntax, so that every kind of token gets split somewhere. */
const SAMPLE = [
  '\ufeff; header comment ;; with ; semicolons',
  '(setlocale LC_CTYPE "")',
  '(use-modules (opencog) (opencog exec))',
  '#| block #| nested |# comment |#',
  '#! guile header !#',
  '(define cat (ConceptNode "cat" (av 1 2 3) (stv 0.8 0.9)))',
  '[InheritanceLink (stv 1.000000 1.000000)',
  '  cat',
  '  (Concept "Núria_Espert 😀 λ")] ; [12345]',
  '(EvaluationLink (stv 0.5 .25)\r',
  '  (PredicateNode "has\\tname\\n\\"q\\"\\\\ \\x41;\\x42\\u03bb\\U01F600")\r',
  '  (ListLink #;(Concept "dropped") (Concept "line \\',
  '      continued") (NumberNode 3.50) (Number -1e2)))',
  '(SetLink (Concept "b") (Concept "a") #| inline |# (Concept "c"))',
  '(Concept "k" (alist (cons (Predicate "f") (FloatValue 1 -2.5 3e-2))',
  '                    (cons (Predicate "s") (StringValue "x" "y z"))',
  '                    (cons (Predicate "l") (LinkValue cat (FloatValue 4)))))',
  '(cog-set-tv! cat (ctv 0.25 0.5 7))',
  '#; #; (Concept "skip1") (Concept "skip2")',
  '(Concept "multi',
  'line")',
  '(List)',
].join('\n');

/** What a read leaves behind: the items returned and everything in the space. */
function outcome(read: (space: AtomSpace) => (Atom | unknown)[]): { items: string[]; space: string[] } {
  const space = freshSpace();
  const items = read(space).map((x) => describeValue(x as Atom));
  return { items, space: describeSpace(space) };
}

function readChunks(space: AtomSpace, chunks: readonly string[]): Atom[] {
  const items: Atom[] = [];
  const reader = new AtomeseReader(space, {}, (item) => items.push(item as Atom));
  for (const c of chunks) reader.push(c);
  reader.end();
  return items;
}

function errorOf(chunks: readonly string[]): { line: number; column: number; reason: string } {
  const e = atomeseError(() => readChunks(freshSpace(), chunks));
  return { line: e.line, column: e.column, reason: e.reason };
}

async function* asyncChunks(chunks: readonly string[]): AsyncGenerator<string> {
  for (const c of chunks) {
    await Promise.resolve();
    yield c;
  }
}

describe('chunked reading gives the same result', () => {
  const whole = outcome((s) => parseAtomese(s, SAMPLE));

  it('the sample reads as intended', () => {
    expect(whole.items).toHaveLength(7);
    expect(whole.space.some((d) => d.includes('"dropped"') || d.includes('"skip1"'))).toBe(false);
    expect(whole.space.some((d) => d.startsWith('(ConceptNode "line continued")'))).toBe(true);
    expect(whole.space.some((d) => d.startsWith('(PredicateNode "has\\tname\\n\\"q\\"\\\\ ABλ😀")'))).toBe(true);
    expect(whole.space.some((d) => d.startsWith('(ConceptNode "cat") (ctv 0.25 0.5 7) (av 1 2 3)'))).toBe(true);
  });

  it('split in two at every position', () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      const got = outcome((s) => readChunks(s, [SAMPLE.slice(0, i), SAMPLE.slice(i)]));
      if (got.items.join('\n') !== whole.items.join('\n') || got.space.join('\n') !== whole.space.join('\n')) {
        throw new Error(`split at ${i} changes the result`);
      }
    }
  });

  it('one character at a time', () => {
    expect(outcome((s) => readChunks(s, [...SAMPLE.split('')]))).toEqual(whole);
  });

  it('split at random positions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(SAMPLE.length), { maxLength: 12 }), (cuts) => {
        expect(outcome((s) => readChunks(s, splitAt(SAMPLE, cuts)))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('with empty chunks in between', () => {
    expect(outcome((s) => readChunks(s, ['', SAMPLE.slice(0, 50), '', '', SAMPLE.slice(50), '']))).toEqual(whole);
  });
});

describe('chunked reading gives the same error', () => {
  const broken = [
    '(Concept "a")\n(List (Concept "b")',
    '(Concept "a"))',
    '(List (Concept "a")]',
    '(Concept "a\n',
    '(Concept "a") #| (Concept "b")',
    '(Concept "a\\qb")',
    '(Concept "\\x4")',
    '(Concept "a")\n  (GeneNode "IGF1")',
    '(Concept "a" (stv 1.5 0.5))',
    '(define (f x) (List x))',
    '(List dog)',
    '(Concept "a") #;',
    "(List '(Concept \"a\"))",
    '(Concept "a")   "bare"',
    '(Concept "a") 12',
  ];
  it.each(broken)('%p, split at every position', (text) => {
    const expected = errorOf([text]);
    for (let i = 0; i <= text.length; i++) expect(errorOf([text.slice(0, i), text.slice(i)])).toEqual(expected);
    expect(errorOf(text.split(''))).toEqual(expected);
  });
});

describe('loadAtomese', () => {
  const text = '(Concept "a")\n(Concept "b" (stv 0.5 0.5))\n(List (Concept "a") (Concept "c"))\n(setlocale LC_CTYPE "")\n';

  it('loads sync and async chunk streams alike and sums up', async () => {
    const chunks = splitAt(text, [5, 20, 21, 60]);
    const s1 = freshSpace();
    const s2 = freshSpace();
    const r1 = await loadAtomese(s1, chunks);
    const r2 = await loadAtomese(s2, asyncChunks(chunks));
    expect(r1).toEqual({ forms: 4, atomsAdded: 4 });
    expect(r2).toEqual(r1);
    expect(describeSpace(s1)).toEqual(describeSpace(s2));
    const again = await loadAtomese(s1, [text]);
    expect(again).toEqual({ forms: 4, atomsAdded: 0 });
  });

  it('reports progress after each chunk', async () => {
    const progress: number[] = [];
    const chunks = splitAt(text, [10, 30, 31]);
    await loadAtomese(freshSpace(), chunks, { onProgress: (n) => progress.push(n) });
    expect(progress).toEqual([10, 30, 31, text.length]);
  });

  it('names the file in errors', async () => {
    await expect(loadAtomese(freshSpace(), ['(Concept "a")\n(Bogus "b")'], { file: 'kb.scm' })).rejects.toMatchObject({
      name: 'AtomeseError',
      file: 'kb.scm',
      line: 2,
      column: 2,
      code: 'PARSE_ERROR',
    });
  });

  it('stops between chunks when aborted, keeping what it read', async () => {
    const controller = new AbortController();
    const space = freshSpace();
    const chunks = ['(Concept "a")', '(Concept "b")', '(Concept "c")'];
    const load = loadAtomese(space, chunks, {
      signal: controller.signal,
      file: 'big.scm',
      onProgress: (n) => {
        if (n >= 26) controller.abort();
      },
    });
    await expect(load).rejects.toBeInstanceOf(AtomSpaceError);
    await expect(load).rejects.toMatchObject({ code: 'QUERY_ABORTED', message: 'loading big.scm was cancelled' });
    expect(space.getNode('Concept', 'b')).toBeDefined();
    expect(space.getNode('Concept', 'c')).toBeUndefined();
  });

  it('reads nothing with a signal aborted before the start', async () => {
    const controller = new AbortController();
    controller.abort();
    const space = freshSpace();
    await expect(loadAtomese(space, ['(Concept "a")'], { signal: controller.signal })).rejects.toMatchObject({
      code: 'QUERY_ABORTED',
    });
    expect(space.size).toBe(0);
  });

  it('keeps the forms before an error when not atomic', async () => {
    const space = freshSpace();
    await expect(loadAtomese(space, ['(Concept "a")\n(Concept "b")', '\n(List (Concept "c") (Bogus "x"))'])).rejects.toBeInstanceOf(
      AtomeseError,
    );
    expect(space.getNode('Concept', 'a')).toBeDefined();
    expect(space.getNode('Concept', 'b')).toBeDefined();
    // the atoms of the failing form that were read before the bad part stay as well
    expect(space.getNode('Concept', 'c')).toBeDefined();
  });
});

describe('atomic loading', () => {
  function prepared(): AtomSpace {
    const space = freshSpace();
    parseAtomese(space, '(Concept "old" (stv 0.9 0.9)) (List (Concept "old")) (Concept "k" (alist (cons (Predicate "p") (FloatValue 1))))');
    return space;
  }

  it('leaves the space unchanged on an error, values included', async () => {
    const space = prepared();
    const before = describeSpace(space);
    const events: AtomSpaceEvent[] = [];
    space.subscribe((e) => events.push(e));
    const bad = [
      '(Concept "new")\n(Concept "old" (stv 0.1 0.1))\n',
      '(cog-set-value! (Concept "k") (Predicate "p") (StringValue "changed"))\n',
      '(List (Concept "old") (Concept "new2"))\n(Concept "broken',
    ];
    await expect(loadAtomese(space, bad, { atomic: true })).rejects.toMatchObject({ line: 5, column: 10 });
    expect(describeSpace(space)).toEqual(before);
    expect(events).toEqual([]);
    expect(space.getIncoming(space.getNode('Concept', 'old')!)).toHaveLength(1);
  });

  it('leaves the space unchanged when aborted', async () => {
    const space = prepared();
    const before = describeSpace(space);
    const controller = new AbortController();
    const load = loadAtomese(space, ['(Concept "x")', '(Concept "y")'], {
      atomic: true,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(load).rejects.toMatchObject({ code: 'QUERY_ABORTED' });
    expect(describeSpace(space)).toEqual(before);
  });

  it('commits everything on success', async () => {
    const space = prepared();
    const reference = prepared();
    const text = '(Concept "new")\n(Concept "old" (stv 0.1 0.1))\n(List (Concept "old") (Concept "new2" (av 1 2 3)))';
    parseAtomese(reference, text);
    const summary = await loadAtomese(space, splitAt(text, [7, 40]), { atomic: true });
    expect(summary).toEqual({ forms: 3, atomsAdded: 3 });
    expect(describeSpace(space)).toEqual(describeSpace(reference));
    expect(space.getTruthValue(space.getNode('Concept', 'old')!).equals(stv(0.1, 0.1))).toBe(true);
  });

  it('leaves definitions usable after a successful load', async () => {
    const space = freshSpace();
    const definitions = new Map<string, Atom>();
    await loadAtomese(space, ['(define x (Concept "x" (stv 0.5 0.5)))'], { atomic: true, definitions });
    const x = definitions.get('x')!;
    expect(x.isAlive).toBe(true);
    expect(x).toBe(space.getNode('Concept', 'x'));
    const [l] = parseAtomese(space, '(List x)', { definitions }) as Atom[];
    expect(l.outgoing[0]).toBe(x);
  });

  it('leaves definitions unchanged after a failed load', async () => {
    const space = freshSpace();
    const definitions = new Map<string, Atom>();
    parseAtomese(space, '(define x (Concept "x"))', { definitions });
    const x = definitions.get('x');
    await expect(
      loadAtomese(space, ['(define x (Concept "other")) (define y (Concept "y")) (Bogus)'], { atomic: true, definitions }),
    ).rejects.toBeInstanceOf(AtomeseError);
    expect([...definitions.keys()]).toEqual(['x']);
    expect(definitions.get('x')).toBe(x);
  });

  it('is all or nothing for any error position in a text', async () => {
    const good = '(Concept "a" (stv 0.5 0.5))\n(List (Concept "a") (Concept "b"))\n';
    for (let i = 0; i < good.length; i++) {
      const space = prepared();
      const before = describeSpace(space);
      // a quote either opens a string never closed or closes one inside a list never closed
      const text = good.slice(0, i) + '"';
      await expect(loadAtomese(space, [text], { atomic: true })).rejects.toBeInstanceOf(AtomeseError);
      expect(describeSpace(space)).toEqual(before);
    }
  });
});

describe('long tokens across many chunks', () => {
  /** Feeds `text` in 1 KiB chunks and returns the error and the time it took. */
  function timedChunks(text: string): { error: AtomeseError | undefined; ms: number } {
    const chunks = splitAt(
      text,
      Array.from({ length: Math.ceil(text.length / 1024) }, (_, i) => i * 1024),
    );
    const t0 = performance.now();
    let error: AtomeseError | undefined;
    try {
      readChunks(freshSpace(), chunks);
    } catch (e) {
      error = e as AtomeseError;
    }
    return { error, ms: performance.now() - t0 };
  }

  // 4 MB in 1 KiB chunks: rescanning the open token at every chunk would take
  // about 4000 * 2 MB steps, while reading it once is a few million.
  const body = '(Concept "x") ; [12]\n'.repeat(200_000);

  it('an unterminated block comment is reported without rescanning it at every chunk', () => {
    const { error, ms } = timedChunks('(Concept "a")\n #|' + body);
    expect([error?.line, error?.column, error?.reason]).toEqual([2, 2, "unterminated block comment: missing '|#'"]);
    expect(ms).toBeLessThan(5000);
  });

  it('a closed block comment spanning many chunks is skipped, positions kept', () => {
    const { error, ms } = timedChunks('#|' + body + '|# \n  (Bogus)');
    expect([error?.line, error?.column]).toEqual([200_002, 4]);
    expect(ms).toBeLessThan(5000);
  });

  it('an unterminated string is reported without rescanning it at every chunk', () => {
    const { error, ms } = timedChunks('(Concept "a")\n  (Concept "' + body.replace(/"/g, '\\x22;'));
    expect([error?.line, error?.column, error?.reason]).toEqual([2, 12, 'unterminated string: missing closing \'"\'']);
    expect(ms).toBeLessThan(5000);
  });

  it('a long string with escapes split anywhere reads whole', () => {
    const value = 'λ "q" \\ \n'.repeat(100_000);
    const text = `(Concept "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}")`;
    const t0 = performance.now();
    const space = freshSpace();
    readChunks(space, splitAt(text, Array.from({ length: Math.ceil(text.length / 1000) }, (_, i) => i * 1000 + (i % 7))));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(space.getNode('Concept', value)).toBeDefined();
  });

  it('a line comment without end spanning many chunks is skipped', () => {
    const { error, ms } = timedChunks('(Concept "a") ;' + body.replace(/\n/g, ' ') + '\n  (Bogus)');
    expect([error?.line, error?.column]).toEqual([2, 4]);
    expect(ms).toBeLessThan(5000);
  });
});
