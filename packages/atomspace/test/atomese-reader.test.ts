import {
  AtomSpaceError,
  AtomeseError,
  AtomeseReader,
  CountTruthValue,
  FloatValue,
  LinkValue,
  StringValue,
  TypeRegistry,
  av,
  parseAtom,
  parseAtomese,
  stv,
  type Atom,
  type Value,
} from '../src';
import { atomeseError, freshSpace, readError } from './support/helpers';

function isAtom(x: Atom | Value): x is Atom {
  return (x as Atom).isAtom === true;
}

describe('reading atoms', () => {
  it('reads nodes and links in full type names', () => {
    const space = freshSpace();
    const items = parseAtomese(space, '(InheritanceLink (ConceptNode "cat") (ConceptNode "animal"))');
    expect(items).toHaveLength(1);
    const inh = items[0] as Atom;
    expect(inh.type.name).toBe('InheritanceLink');
    expect(inh.outgoing.map((a) => `${a.type.name}:${a.name}`)).toEqual(['ConceptNode:cat', 'ConceptNode:animal']);
    expect(space.size).toBe(3);
  });

  it('reads short type names as the same atoms', () => {
    const space = freshSpace();
    const [full] = parseAtomese(space, '(EvaluationLink (PredicateNode "p") (ListLink (ConceptNode "a") (ConceptNode "b")))');
    const [short] = parseAtomese(space, '(Evaluation (Predicate "p") (List (Concept "a") (Concept "b")))');
    const [mixed] = parseAtomese(space, '(EvaluationLink (Predicate "p") (List (ConceptNode "a") (Concept "b")))');
    expect(short).toBe(full);
    expect(mixed).toBe(full);
    expect(space.size).toBe(5);
  });

  it('reads unordered links in any order as one atom', () => {
    const space = freshSpace();
    const items = parseAtomese(space, '(SetLink (Concept "a") (Concept "b")) (SetLink (Concept "b") (Concept "a"))');
    expect(items[0]).toBe(items[1]);
  });

  it('reads empty links, unicode names and escapes', () => {
    const space = freshSpace();
    const [empty, node, esc] = parseAtomese(space, '(ListLink) (Concept "Núria_Espert 😀") (Concept "say \\"hi\\"\\n")') as Atom[];
    expect(empty.arity).toBe(0);
    expect(node.name).toBe('Núria_Espert 😀');
    expect(esc.name).toBe('say "hi"\n');
  });

  it('reads NumberNodes from strings or number literals, canonically', () => {
    const space = freshSpace();
    const [a, b, c] = parseAtomese(space, '(NumberNode "3.0") (Number 3) (NumberNode +3e0)') as Atom[];
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a.name).toBe('3');
  });

  it('reads types declared by the user', () => {
    const types = new TypeRegistry();
    types.register('GeneNode', ['ConceptNode']);
    const space = freshSpace(types);
    const [g, g2] = parseAtomese(space, '(GeneNode "IGF1") (Gene "IGF1")') as Atom[];
    expect(g).toBe(g2);
    expect(g.type.name).toBe('GeneNode');
  });
});

describe('reading values', () => {
  it('sets truth values written inside atoms', () => {
    const space = freshSpace();
    const [n, l] = parseAtomese(space, '(Concept "a" (stv 0.8 0.9)) (List (ctv 0.5 0.25 12) (Concept "a"))') as Atom[];
    expect(space.getTruthValue(n).equals(stv(0.8, 0.9))).toBe(true);
    const tv = space.getTruthValue(l);
    expect(tv).toBeInstanceOf(CountTruthValue);
    expect([tv.strength, tv.confidence, tv.count]).toEqual([0.5, 0.25, 12]);
    expect(l.outgoing).toEqual([n]);
  });

  it('accepts integer and exponent literals in values', () => {
    const space = freshSpace();
    const [m] = parseAtomese(space, '(MemberLink (stv 1 1) (Concept "x") (Concept "y"))') as Atom[];
    expect(space.getTruthValue(m).equals(stv(1, 1))).toBe(true);
    const [n] = parseAtomese(space, '(Concept "z" (stv 5e-1 .25))') as Atom[];
    expect(space.getTruthValue(n).equals(stv(0.5, 0.25))).toBe(true);
  });

  it('sets attention values, with or without vlti', () => {
    const space = freshSpace();
    const [a, b] = parseAtomese(space, '(Concept "a" (av 10 5 1)) (Concept "b" (av 3 -4))') as Atom[];
    expect(space.getAttentionValue(a).equals(av(10, 5, 1))).toBe(true);
    expect(space.getAttentionValue(b).equals(av(3, -4, 0))).toBe(true);
  });

  it('takes values in any order among the atoms of a link', () => {
    const space = freshSpace();
    const texts = [
      '(List (av 1 2 3) (stv 0.5 0.5) (Concept "a") (Concept "b"))',
      '(List (Concept "a") (stv 0.5 0.5) (Concept "b") (av 1 2 3))',
      '(List (Concept "a") (Concept "b") (av 1 2 3) (stv 0.5 0.5))',
    ];
    const atoms = texts.map((t) => parseAtomese(space, t)[0] as Atom);
    expect(new Set(atoms).size).toBe(1);
    const l = atoms[0];
    expect(l.outgoing.map((a) => a.name)).toEqual(['a', 'b']);
    expect(space.getTruthValue(l).equals(stv(0.5, 0.5))).toBe(true);
    expect(space.getAttentionValue(l).equals(av(1, 2, 3))).toBe(true);
  });

  it('takes values after a node name in any order', () => {
    const space = freshSpace();
    const [a] = parseAtomese(space, '(ConceptNode "a" (av 0 0 0) (stv 0.01 0.555556))') as Atom[];
    expect(space.getTruthValue(a).equals(stv(0.01, 0.555556))).toBe(true);
    expect(space.getAttentionValue(a).isDefault()).toBe(true);
  });

  it('replaces the truth value when an atom is read again with one, keeps it otherwise', () => {
    const space = freshSpace();
    const [a] = parseAtomese(space, '(Concept "a" (stv 0.9 0.9)) (Concept "a")') as Atom[];
    expect(space.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    parseAtomese(space, '(Concept "a" (stv 0.1 0.1))');
    expect(space.getTruthValue(a).equals(stv(0.1, 0.1))).toBe(true);
  });

  it('reads keyed values from an alist', () => {
    const space = freshSpace();
    const [a] = parseAtomese(
      space,
      `(Concept "a" (alist
          (cons (Predicate "floats") (FloatValue 1 -2.5 3e2))
          (cons (Predicate "strings") (StringValue "x" "y \\"z\\""))
          (cons (Predicate "links") (LinkValue (Concept "b") (FloatValue 4) (LinkValue)))
          (cons (Predicate "tv") (stv 0.5 0.5))
          (cons (Predicate "av") (av 1 2 3)))
        (stv 0.25 0.75))`,
    ) as Atom[];
    const key = (n: string) => space.getNode('Predicate', n)!;
    expect(space.getValue(a, key('floats'))).toEqual(new FloatValue([1, -2.5, 300]));
    expect(space.getValue(a, key('strings'))).toEqual(new StringValue(['x', 'y "z"']));
    const links = space.getValue(a, key('links')) as LinkValue;
    expect(links.items).toHaveLength(3);
    expect(links.items[0]).toBe(space.getNode('Concept', 'b'));
    expect(links.items[1]).toEqual(new FloatValue([4]));
    expect(links.items[2]).toEqual(new LinkValue([]));
    expect((space.getValue(a, key('tv')) as Value & { kind: 'tv' }).equals(stv(0.5, 0.5))).toBe(true);
    expect(space.getValue(a, key('av'))).toEqual(av(1, 2, 3));
    expect(space.getTruthValue(a).equals(stv(0.25, 0.75))).toBe(true);
    expect(space.getKeys(a)).toHaveLength(5);
  });

  it('reads keyed values on links', () => {
    const space = freshSpace();
    const [l] = parseAtomese(space, '(List (alist (cons (Predicate "k") (FloatValue 7))) (Concept "a"))') as Atom[];
    expect(l.outgoing).toHaveLength(1);
    expect(space.getValue(l, space.getNode('Predicate', 'k')!)).toEqual(new FloatValue([7]));
  });

  it('returns values written at top level as items', () => {
    const space = freshSpace();
    const items = parseAtomese(space, '(stv 0.5 0.5) (FloatValue 1 2) (av 1 2 3) (StringValue "s")');
    expect(items).toHaveLength(4);
    expect((items[0] as Value & { kind: 'tv' }).equals(stv(0.5, 0.5))).toBe(true);
    expect(items[1]).toEqual(new FloatValue([1, 2]));
    expect(items[2]).toEqual(av(1, 2, 3));
    expect(items[3]).toEqual(new StringValue(['s']));
    expect(space.size).toBe(0);
  });
});

describe('define and directives', () => {
  it('binds a name to an atom for later uses', () => {
    const space = freshSpace();
    const items = parseAtomese(
      space,
      `(define cat (ConceptNode "cat" (stv 0.9 0.9)))
       (define animal (Concept "animal"))
       (Inheritance cat animal)
       (define cat2 cat)
       (List cat2 (Set cat animal))`,
    );
    expect(items).toHaveLength(2);
    const [inh, list] = items as Atom[];
    const cat = space.getNode('Concept', 'cat')!;
    expect(inh.outgoing).toEqual([cat, space.getNode('Concept', 'animal')]);
    expect(list.outgoing[0]).toBe(cat);
    expect(space.getTruthValue(cat).equals(stv(0.9, 0.9))).toBe(true);
  });

  it('rebinds a name defined again', () => {
    const space = freshSpace();
    const [l] = parseAtomese(space, '(define x (Concept "one")) (define x (Concept "two")) (List x)') as Atom[];
    expect(l.outgoing[0].name).toBe('two');
  });

  it('shares definitions between reads when asked', () => {
    const space = freshSpace();
    const definitions = new Map<string, Atom>();
    parseAtomese(space, '(define x (Concept "x"))', { definitions });
    expect(definitions.get('x')).toBe(space.getNode('Concept', 'x'));
    const [l] = parseAtomese(space, '(List x)', { definitions }) as Atom[];
    expect(l.outgoing[0].name).toBe('x');
    const e = atomeseError(() => parseAtomese(space, '(List x)'));
    expect(e.reason).toContain("unbound variable 'x'");
  });

  it('refuses a name whose atom was removed', () => {
    const space = freshSpace();
    const definitions = new Map<string, Atom>();
    parseAtomese(space, '(define x (Concept "x"))', { definitions });
    space.remove(space.getNode('Concept', 'x')!);
    const e = atomeseError(() => parseAtomese(space, '\n  (List x)', { definitions }));
    expect([e.line, e.column]).toEqual([2, 9]);
    expect(e.reason).toBe("'x' names an atom that has been removed");
  });

  it('sets values with cog-set-tv!, cog-set-av! and cog-set-value!', () => {
    const space = freshSpace();
    const items = parseAtomese(
      space,
      `(define a (Concept "a"))
       (cog-set-tv! a (stv 0.3 0.4))
       (cog-set-av! (Concept "a") (av 7 8 9))
       (cog-set-value! a (Predicate "k") (FloatValue 1 2))
       (List (cog-set-tv! (Concept "b") (ctv 0.5 0.5 3)))`,
    ) as Atom[];
    const a = space.getNode('Concept', 'a')!;
    expect(items.slice(0, 3)).toEqual([a, a, a]);
    expect(space.getTruthValue(a).equals(stv(0.3, 0.4))).toBe(true);
    expect(space.getAttentionValue(a).equals(av(7, 8, 9))).toBe(true);
    expect(space.getValue(a, space.getNode('Predicate', 'k')!)).toEqual(new FloatValue([1, 2]));
    const b = space.getNode('Concept', 'b')!;
    expect(items[3].outgoing).toEqual([b]);
    expect(space.getTruthValue(b).count).toBe(3);
  });

  it('accepts setlocale and use-modules of OpenCog modules, and reads nothing from them', () => {
    const space = freshSpace();
    const items = parseAtomese(
      space,
      '(setlocale LC_CTYPE "")\n(use-modules (opencog) (opencog exec) (opencog bioscience))\n(use-modules (opencog persist-file))\n(Concept "a")',
    );
    expect(items).toEqual([space.getNode('Concept', 'a')]);
    expect(space.size).toBe(1);
  });
});

describe('the reader object', () => {
  it('counts forms and reports each item with its line', () => {
    const space = freshSpace();
    const seen: [string, number][] = [];
    const reader = new AtomeseReader(space, { file: 'x.scm' }, (item, line) => seen.push([String(item), line]));
    reader.push('(setlocale LC_CTYPE "")\n(Concept "a")\n\n(define b (Concept "b"))\n  (stv 1 1) (List b)');
    reader.end();
    expect(reader.formCount).toBe(5);
    expect(seen).toEqual([
      ['(ConceptNode "a")', 2],
      ['(stv 1 1)', 5],
      ['(ListLink (ConceptNode "b"))', 5],
    ]);
    expect(reader.definitions.get('b')).toBe(space.getNode('Concept', 'b'));
  });

  it('reads exactly one atom with parseAtom', () => {
    const space = freshSpace();
    expect(parseAtom(space, ' (Concept "q") ; the query\n').name).toBe('q');
    for (const text of ['(Concept "a") (Concept "b")', '', '(stv 1 1)', '(use-modules (opencog))']) {
      let error: unknown;
      try {
        parseAtom(space, text, { file: 'q.scm' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AtomSpaceError);
      expect((error as AtomSpaceError).code).toBe('PARSE_ERROR');
      expect((error as AtomSpaceError).message).toMatch(/^q\.scm: expected exactly one atom, got \d items$/);
    }
  });
});

describe('errors', () => {
  function expectError(text: string, line: number, column: number, ...parts: (string | RegExp)[]): AtomeseError {
    const e = readError(text);
    expect(e.code).toBe('PARSE_ERROR');
    expect([e.line, e.column]).toEqual([line, column]);
    for (const p of parts) {
      if (typeof p === 'string') expect(e.reason).toContain(p);
      else expect(e.reason).toMatch(p);
    }
    expect(e.message).toBe(`<input>:${line}:${column}: ${e.reason}`);
    return e;
  }

  it('names the file', () => {
    const e = atomeseError(() => parseAtomese(freshSpace(), '(Concept "a"', { file: 'kb/animals.scm' }));
    expect(e.file).toBe('kb/animals.scm');
    expect(e.message).toBe("kb/animals.scm:1:1: unclosed '(': missing ')' for the list opened here");
  });

  it('an unclosed list', () => {
    expectError('(Concept "a")\n(List\n  (Concept "b")', 2, 1, "unclosed '('");
  });

  it("a stray ')'", () => {
    expectError('(Concept "a"))', 1, 14, "unexpected ')'");
  });

  it('a mismatched bracket', () => {
    expectError('[List (Concept "a"))', 1, 20, "')' closes the '[' opened at line 1, column 1");
  });

  it('an unterminated string', () => {
    expectError('(Concept "a)\n', 1, 10, 'unterminated string');
  });

  it('an unterminated block comment', () => {
    expectError('(Concept "a")\n #| (Concept "b")', 2, 2, 'unterminated block comment');
  });

  it('a bad escape', () => {
    expectError('(Concept "a\\qb")', 1, 12, "unknown escape '\\q'");
  });

  it('an unknown type, suggesting to declare it', () => {
    const e = expectError('(List\n  (GeneNode "IGF1"))', 2, 4, "unknown atom type 'GeneNode'", 'declare it');
    expect(e.reason).toContain('GeneNode:ConceptNode');
    const l = expectError('(PredictiveImplicationLink (Concept "a") (Concept "b"))', 1, 2, "unknown atom type 'PredictiveImplicationLink'");
    expect(l.reason).toContain('declare it');
    expectError('(frobnicate 1 2)', 1, 2, "'frobnicate' is not an atom type or an Atomese form");
  });

  it('an abstract type', () => {
    expectError('(Node "x")', 1, 2, 'Node is an abstract type');
    expectError('(List (OrderedLink (Concept "a")))', 1, 8, 'OrderedLink is an abstract type');
    expectError('(ScopeLink (Variable "x") (Variable "x"))', 1, 2, 'ScopeLink is an abstract type');
  });

  it('a node without a name', () => {
    expectError('(Concept)', 1, 1, 'ConceptNode needs a name string as its first argument');
    expectError('(Concept 12)', 1, 10, 'needs a name string', 'the number 12');
    expectError('(Concept cat)', 1, 10, 'needs a name string', "the symbol 'cat'");
    expectError('(Concept (stv 1 1))', 1, 10, 'needs a name string', '(stv ...)');
  });

  it('a node with more than a name and values', () => {
    expectError('(Concept "a" "b")', 1, 14, 'ConceptNode takes a name and values, not the string "b"');
    expectError('(Concept "a" (Concept "b"))', 1, 14, 'takes a name and values');
  });

  it('a bad stv arity or range', () => {
    expectError('(Concept "a" (stv 0.5))', 1, 14, '(stv ...) takes 2 numbers, got 1 arguments');
    expectError('(Concept "a" (stv 0.5 0.5 0.5))', 1, 14, 'takes 2 numbers, got 3');
    expectError('(Concept "a" (ctv 0.5 0.5))', 1, 14, '(ctv ...) takes 3 numbers');
    expectError('(Concept "a"\n  (stv 1.5 0.5))', 2, 3, 'strength must be a number in [0, 1], got 1.5');
    expectError('(List (stv 0.5 -1) (Concept "a"))', 1, 7, 'confidence must be a number in [0, 1], got -1');
    expectError('(Concept "a" (stv 0.5 high))', 1, 23, "expected a number, got the symbol 'high'");
    expectError('(Concept "a" (stv "1" 1))', 1, 19, 'expected a number, got the string "1"');
  });

  it('a bad av', () => {
    expectError('(Concept "a" (av 1))', 1, 14, '(av ...) takes 3 numbers, got 1');
    expectError('(Concept "a" (av 1 2 3 4))', 1, 14, 'takes 3 numbers, got 4');
    expectError('(Concept "a" (av 1e400 0 0))', 1, 14, 'sti must be a finite number');
  });

  it('a define of something that is not an atom', () => {
    expectError('(define x 12)', 1, 11, "(define x ...) of the number 12 is not Atomese: only atoms can be defined");
    expectError('(define x "s")', 1, 11, 'only atoms can be defined');
    expectError('(define x (stv 1 1))', 1, 11, 'of (stv ...) is not Atomese');
    expectError('(define x y)', 1, 11, "of the symbol 'y' is not Atomese");
    expectError('(define x (Link))', 1, 11, 'only atoms can be defined');
    expectError('(define x)', 1, 1, 'define takes a name and one atom: (define name ATOM)');
    expectError('(define x (Concept "a") (Concept "b"))', 1, 1, 'define takes a name and one atom');
    expectError('(define "x" (Concept "a"))', 1, 1, 'define takes a name and one atom');
  });

  it('a define of a Scheme function', () => {
    expectError('\n(define (f x)\n  (List x))', 2, 1, '(define (f ...) ...) defines a Scheme function, which is not Atomese');
  });

  it('use-modules of a module that is not OpenCog', () => {
    expectError('(use-modules (opencog) (ice-9 readline))', 1, 24, '(use-modules (ice-9 readline)) is not supported');
    expectError('(use-modules (srfi srfi-1))', 1, 14, 'only OpenCog');
    expectError('(use-modules opencog)', 1, 14, '(use-modules opencog) is not supported');
  });

  it('quote syntax', () => {
    expectError("(List '(Concept \"a\"))", 1, 7, "quote syntax ''' is Scheme, not Atomese");
  });

  it('a bare string, number or unbound symbol', () => {
    expectError('(Concept "a")\n"hello"', 2, 1, 'a string alone is not Atomese: "hello"');
    expectError('  42', 1, 3, 'a number alone is not Atomese: 42');
    expectError('cat', 1, 1, "unbound variable 'cat'", '(define cat ...)');
    expectError('(List (Concept "a") dog)', 1, 21, "unbound variable 'dog'");
    expectError('#t', 1, 1, "unbound variable '#t'");
  });

  it('strings, numbers and values where atoms belong', () => {
    expectError('(List "a")', 1, 7, 'expected an atom, got the string "a"');
    expectError('(List 3)', 1, 7, 'expected an atom, got the number 3');
    expectError('(List (FloatValue 1))', 1, 7, 'expected an atom, got the value (FloatValue ...)');
    expectError('(List (foo))', 1, 8, "'foo' is not an atom type or an Atomese form");
  });

  it('empty lists and lists that do not start with a name', () => {
    expectError('()', 1, 1, "empty list '()' is not Atomese");
    expectError('(List ())', 1, 7, "empty list '()'");
    expectError('((Concept "a"))', 1, 2, "expected a type name or form after '(', got (Concept ...)");
    expectError('("List")', 1, 2, 'expected a type name or form after', 'the string "List"');
  });

  it('bad keyed values', () => {
    expectError('(Concept "a" (alist (Predicate "k")))', 1, 21, 'alist entries must be (cons KEY VALUE), got (Predicate ...)');
    expectError('(Concept "a" (alist (cons (Predicate "k"))))', 1, 21, 'alist entries must be (cons KEY VALUE)');
    expectError('(Concept "a" (alist (cons "k" (FloatValue 1))))', 1, 27, 'expected an atom, got the string "k"');
    expectError('(Concept "a" (alist (cons (Predicate "k") 12)))', 1, 43, 'expected a value, got the number 12');
    expectError('(Concept "a" (alist (cons (Predicate "k") (Concept "v"))))', 1, 43, 'expected a value such as (FloatValue ...)');
    expectError('(FloatValue 1 "2")', 1, 15, 'expected a number, got the string "2"');
    expectError('(StringValue "a" 2)', 1, 18, 'StringValue holds strings, got the number 2');
    expectError('(LinkValue "a")', 1, 12, 'expected an atom, got the string "a"');
  });

  it('bad cog-set forms', () => {
    expectError('(cog-set-tv! (Concept "a"))', 1, 1, 'cog-set-tv! takes 2 arguments, got 1');
    expectError('(cog-set-tv! (Concept "a") 1)', 1, 28, 'expected a truth value, got the number 1');
    expectError('(cog-set-av! (Concept "a") (stv 1 1))', 1, 28, 'expected (av STI LTI VLTI), got (stv ...)');
    expectError('(cog-set-value! (Concept "a") (Predicate "k"))', 1, 1, 'cog-set-value! takes 3 arguments, got 2');
  });

  it('cog-set-tv! with something that is not a truth value', () => {
    expectError('(cog-set-tv! (Concept "a") (av 0.5 0.5 1))', 1, 28, 'expected a truth value', '(av ...)');
    expectError('(cog-set-tv! (Concept "a") (List (Concept "b") (Concept "c") (Concept "d")))', 1, 28, 'expected a truth value');
  });

  it('an invalid NumberNode name', () => {
    expectError('(List\n (NumberNode "three"))', 2, 2, 'NumberNode name must be a number, got "three"');
  });

  it('a second definition of a DefineLink name', () => {
    expectError(
      '(DefineLink (DefinedSchemaNode "f") (Concept "a"))\n(DefineLink (DefinedSchemaNode "f") (Concept "b"))',
      2,
      1,
      '(DefinedSchemaNode "f") is already defined as (ConceptNode "a")',
    );
  });

  it('nesting too deep', () => {
    const text = '(List '.repeat(1001) + '(Concept "x")' + ')'.repeat(1001);
    expectError(text, 1, 6 * 1000 + 1, 'nesting deeper than 1000 levels');
    const space = freshSpace();
    const e = atomeseError(() => parseAtomese(space, '(List (List (List (Concept "x"))))', { maxDepth: 3 }));
    expect([e.line, e.column]).toEqual([1, 19]);
    expect(e.reason).toBe('nesting deeper than 3 levels');
  });

  it('keeps the forms read before an error (not atomic)', () => {
    const space = freshSpace();
    atomeseError(() => parseAtomese(space, '(Concept "a")\n(Concept "b")\n(Bogus "c")\n(Concept "d")'));
    expect(space.getNode('Concept', 'a')).toBeDefined();
    expect(space.getNode('Concept', 'b')).toBeDefined();
    expect(space.getNode('Concept', 'd')).toBeUndefined();
  });
});
