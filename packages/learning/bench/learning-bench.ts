import { AtomSpace, SeededRandom, type Atom } from '@ai-opencog/atomspace';
import { AttentionBank, minePatterns } from '../lib';
import { report, rssMB, settle } from '@ai-opencog/bench-kit';

/** An index in [0, n) skewed towards 0 (popular items first), as real knowledge bases are. */
function skewed(rnd: SeededRandom, n: number): number {
  return Math.floor(n * rnd.next() * rnd.next());
}

/**
 * 10,000 texts over 1,000 concepts with skewed popularity: 7,000 InheritanceLinks and 3,000
 * EvaluationLinks of 10 predicates over pairs of concepts.
 */
function miningSpace(): AtomSpace {
  const space = new AtomSpace();
  const rnd = new SeededRandom(42);
  const concept = (i: number) => space.addNode('ConceptNode', `c${i}`);
  const predicates = Array.from({ length: 10 }, (_, i) => space.addNode('PredicateNode', `p${i}`));
  while (space.countByType('InheritanceLink') < 7000) space.addLink('InheritanceLink', [concept(skewed(rnd, 1000)), concept(skewed(rnd, 100))]);
  while (space.countByType('EvaluationLink') < 3000) {
    const args = space.addLink('ListLink', [concept(skewed(rnd, 1000)), concept(skewed(rnd, 1000))]);
    space.addLink('EvaluationLink', [predicates[skewed(rnd, 10)], args]);
  }
  return space;
}

function benchMining(): void {
  const space = miningSpace();
  const texts = [...space.getAtomsByType('InheritanceLink'), ...space.getAtomsByType('EvaluationLink')];
  settle();
  const t0 = performance.now();
  const result = minePatterns(space, { texts, minSupport: 5, maxConjuncts: 2 });
  const ms = performance.now() - t0;
  settle();
  report({
    workload: 'mine 10,000 texts, minsup 5, up to 2 conjuncts',
    texts: texts.length,
    ms,
    patterns: result.patterns.length,
    twoConjunctPatterns: result.patterns.filter((p) => p.conjuncts === 2).length,
    rssMB: rssMB(),
  });
}

/** 100,000 atoms: 20,000 concepts and 80,000 InheritanceLinks between random ones. */
function ecanSpace(): { space: AtomSpace; concepts: Atom[] } {
  const space = new AtomSpace();
  const rnd = new SeededRandom(7);
  const concepts = Array.from({ length: 20000 }, (_, i) => space.addNode('ConceptNode', `c${i}`));
  while (space.size < 100000) space.addLink('InheritanceLink', [concepts[Math.floor(rnd.next() * 20000)], concepts[Math.floor(rnd.next() * 20000)]]);
  return { space, concepts };
}

/** Ten atoms stimulated, then cycles with OpenCog's default parameters. */
function benchEcan(): void {
  const { space, concepts } = ecanSpace();
  const atoms = space.size;
  const bank = new AttentionBank(space);
  for (let i = 0; i < 10; i++) bank.stimulate(concepts[i * 397], 20);
  settle();
  const cycles = 30;
  const t0 = performance.now();
  bank.runCycles(cycles, { seed: 1 });
  const ms = performance.now() - t0;
  settle();
  report({
    workload: 'ECAN cycles on a 100,000-atom space',
    atoms,
    cycles,
    msPerCycle: ms / cycles,
    focus: bank.attentionalFocus().length,
    holdingImportance: bank.holders().length,
    hebbianLinks: space.countByType('AsymmetricHebbianLink'),
    rssMB: rssMB(),
  });
  bank.close();
}

benchMining();
benchEcan();
