import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomSpace, isAtomValue, parseAtomese, TypeRegistry, type Atom, type FloatValue } from '@ai-opencog/atomspace';
import { cli, fixture } from './cli-test-harness';

const KB = fixture('mine-pets.scm');

/** Reads the CLI's output back, as a user would. */
function readBack(text: string) {
  const space = new AtomSpace({ types: new TypeRegistry() });
  const items = parseAtomese(space, text).filter(isAtomValue);
  const support = (pattern: Atom) => (space.getValue(pattern, space.addNode('PredicateNode', 'support')) as FloatValue).items[0];
  return { space, items, support };
}

/** Clauses of a pattern, compact, sorted: enough to recognise it in a test. */
const clauses = (pattern: Atom) => pattern.outgoing[1].outgoing.map(String).sort().join(' ');

describe('ai-opencog mine', () => {
  it('prints each frequent pattern as a LambdaLink carrying its support, and it reads back', async () => {
    const r = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '1');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const { items, support } = readBack(r.stdout);
    expect(items.every((p) => p.type.name === 'LambdaLink' && p.outgoing[1].type.name === 'PresentLink')).toBe(true);
    const bySupport = Object.fromEntries(items.map((p) => [clauses(p), support(p)]));
    expect(bySupport).toEqual({
      '(VariableNode "$X-1")': 5,
      '(InheritanceLink (VariableNode "$X-1") (VariableNode "$X-2"))': 5,
      '(InheritanceLink (VariableNode "$X-1") (ConceptNode "mammal"))': 2,
      '(InheritanceLink (VariableNode "$X-1") (ConceptNode "pet"))': 2,
      '(InheritanceLink (ConceptNode "cat") (VariableNode "$X-1"))': 2,
      '(InheritanceLink (ConceptNode "dog") (VariableNode "$X-1"))': 2,
    });
  });

  it('--compact prints one pattern per line, highest support first', async () => {
    const r = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '1', '--compact');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(
      '(LambdaLink (alist (cons (PredicateNode "support") (FloatValue 5))) (VariableNode "$X-1") (PresentLink (VariableNode "$X-1")))',
    );
  });

  it('--max-conjuncts and --max-variables bound the patterns', async () => {
    const r = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '2', '--max-variables', '2');
    const { items } = readBack(r.stdout);
    const varCount = (p: Atom) => (p.outgoing[0].type.name === 'VariableNode' ? 1 : p.outgoing[0].arity);
    expect(Math.max(...items.map(varCount))).toBe(2);
    expect(Math.max(...items.map((p) => p.outgoing[1].arity))).toBe(2);
    // cat and dog are both mammals and pets.
    expect(items.map(clauses)).toContain('(InheritanceLink (VariableNode "$X-1") (ConceptNode "mammal")) (InheritanceLink (VariableNode "$X-1") (ConceptNode "pet"))');
    const three = readBack((await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '2', '--max-variables', '3')).stdout).items;
    expect(Math.max(...three.map(varCount))).toBe(3);
    expect(three.length).toBeGreaterThan(items.length);
    const one = readBack((await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '1')).stdout).items;
    expect(Math.max(...one.map((p) => p.outgoing[1].arity))).toBe(1);
  });

  it('--initial mines specializations of a pattern given as text or @FILE', async () => {
    const text = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '1', '--initial', '(Inheritance (Variable "$x") (Concept "mammal"))');
    expect(text.status).toBe(0);
    const { items, support } = readBack(text.stdout);
    expect(items.map((p) => [clauses(p), support(p)])).toEqual([['(InheritanceLink (VariableNode "$X-1") (ConceptNode "mammal"))', 2]]);
    const file = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '1', '--initial', `@${fixture('mine-initial.scm')}`);
    expect(readBack(file.stdout).items.map(clauses)).toEqual(['(InheritanceLink (VariableNode "$X-1") (ConceptNode "pet"))']);
  });

  it('--surprisingness wraps each pattern as OpenCog does, most surprising first', async () => {
    const r = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '2', '--surprisingness', 'nisurp');
    expect(r.status).toBe(0);
    const { space, items } = readBack(r.stdout);
    expect(items.length).toBeGreaterThan(2);
    const strengths = items.map((e) => space.getTruthValue(e).strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    for (const e of items) {
      expect(e.type.name).toBe('EvaluationLink');
      expect(e.outgoing[0].toString()).toBe('(PredicateNode "nisurp")');
      expect(e.outgoing[1].outgoing[0].type.name).toBe('LambdaLink');
      expect(e.outgoing[1].outgoing[1].toString()).toBe('(ConceptNode "texts")');
      expect(space.getTruthValue(e).confidence).toBe(1);
    }
    // X->mammal and X->pet: 2 / 25 found, 2/5 * 2/5 * 1/5 expected: (0.08 - 0.032) / 0.08.
    const both = items.find((e) => clauses(e.outgoing[1].outgoing[0]) === '(InheritanceLink (VariableNode "$X-1") (ConceptNode "mammal")) (InheritanceLink (VariableNode "$X-1") (ConceptNode "pet"))')!;
    expect(space.getTruthValue(both).strength).toBeCloseTo(0.6, 12);
  });

  it('--json prints one object per pattern', async () => {
    const r = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '2', '--surprisingness', 'isurp', '--json');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) {
      expect(l.pattern.type).toBe('LambdaLink');
      expect(l.conjuncts).toBe(2);
      expect(typeof l.support).toBe('number');
      expect(l.isurp).toBeGreaterThanOrEqual(0);
    }
  });

  it('--time-limit stops early, prints what was found and says so on stderr', async () => {
    const kb = join(mkdtempSync(join(tmpdir(), 'mine-')), 'big.scm');
    writeFileSync(kb, Array.from({ length: 400 }, (_, i) => `(Inheritance (Concept "c${i % 41}") (Concept "d${(i * 7) % 29}"))`).join('\n'));
    const full = await cli('mine', '--kb', kb, '--minsup', '2', '--max-conjuncts', '2', '--compact');
    const cut = await cli('mine', '--kb', kb, '--minsup', '2', '--max-conjuncts', '2', '--compact', '--time-limit', '1');
    expect(cut.status).toBe(0);
    expect(cut.stderr).toBe('ai-opencog: note: stopped at --time-limit 1; there may be more patterns\n');
    expect(full.stderr).toBe('');
    expect(cut.stdout.split('\n').length).toBeLessThan(full.stdout.split('\n').length);
  });

  describe('bad input exits 1', () => {
    it('a syntax error in --initial is reported at its position', async () => {
      const r = await cli('mine', '--kb', KB, '--minsup', '2', '--initial', '(Inheritance (Variable "$x")');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("<pattern>:1:1: error: unclosed '(': missing ')' for the list opened here\n");
    });

    it('a missing --initial file', async () => {
      const r = await cli('mine', '--kb', KB, '--minsup', '2', '--initial', '@/nonexistent/p.scm');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('ai-opencog: error: cannot read pattern file /nonexistent/p.scm: ENOENT\n');
    });

    it('an initial pattern the miner cannot use', async () => {
      const r = await cli('mine', '--kb', KB, '--minsup', '2', '--initial', '(Lambda (TypedVariable (Variable "$x") (Type "ConceptNode")) (Inheritance (Variable "$x") (Concept "pet")))');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('ai-opencog: error: initial pattern: typed variables are not supported in patterns\n');
    });

    it('a missing knowledge base', async () => {
      const r = await cli('mine', '--kb', '/nonexistent/kb.scm', '--minsup', '2');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('ai-opencog: error: cannot read /nonexistent/kb.scm: ENOENT\n');
    });
  });

  describe('usage errors exit 2', () => {
    it('without --minsup', async () => {
      const r = await cli('mine', '--kb', KB);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("required option '--minsup <N>' not specified");
    });

    it('with a bad --minsup', async () => {
      const r = await cli('mine', '--kb', KB, '--minsup', '-3');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--minsup must be a non-negative integer');
    });

    it('with an unknown surprisingness measure', async () => {
      const r = await cli('mine', '--kb', KB, '--minsup', '2', '--surprisingness', 'jsdsurp');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("Allowed choices are isurp, nisurp");
    });

    it('with a bad --max-conjuncts or --max-variables', async () => {
      const zero = await cli('mine', '--kb', KB, '--minsup', '2', '--max-conjuncts', '0');
      expect(zero.status).toBe(2);
      expect(zero.stderr).toContain('--max-conjuncts must be an integer from 1 to 9');
      const ten = await cli('mine', '--kb', KB, '--minsup', '2', '--max-variables', '10');
      expect(ten.status).toBe(2);
      expect(ten.stderr).toContain('--max-variables must be an integer from 1 to 9');
    });
  });
});
