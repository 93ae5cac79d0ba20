/**
 * Reasoning benchmarks, one JSON line per workload:
 *  - bc-deduction-10k: backward chaining to (InheritanceLink c10000 c0), four levels apart in a
 *    hierarchy of 10,000 InheritanceLinks (10 children per concept), with inheritance-deduction-rule;
 *  - fc-deduction-1000: 1,000 forward-chaining iterations with the same rule, every link a source.
 */
import { AtomSpace, stv, type Atom } from '@ai-opencog/atomspace';
import { backwardChain, forwardChain, loadPlnRuleBase } from '../lib';
import { report, rssMB, settle, timed } from '@ai-opencog/bench-kit';

const LINKS = 10_000;
const BRANCHING = 10;

/** Concepts c0 … c10000; c_i inherits from c_((i − 1) / 10) with (stv 0.9 0.9). */
function hierarchy(): { space: AtomSpace; concepts: Atom[]; links: Atom[] } {
  const space = new AtomSpace();
  const concepts: Atom[] = [];
  for (let i = 0; i <= LINKS; i++) concepts.push(space.addNode('ConceptNode', `c${i}`));
  const links: Atom[] = [];
  for (let i = 1; i <= LINKS; i++) {
    links.push(space.addLink('InheritanceLink', [concepts[i], concepts[Math.floor((i - 1) / BRANCHING)]], stv(0.9, 0.9)));
  }
  return { space, concepts, links };
}

function backward(): void {
  const { space, concepts } = hierarchy();
  const ruleBase = loadPlnRuleBase(space, { rules: ['inheritance-deduction-rule'] });
  const target = space.addLink('InheritanceLink', [concepts[LINKS], concepts[0]]);
  settle();
  const { value: r, ms } = timed(() => backwardChain(space, ruleBase, target, { maximumIterations: 100, seed: 1 }));
  const first = r.trace.steps.find((s) => s.conclusion === target);
  report({
    workload: 'bc-deduction-10k',
    links: LINKS,
    iterations: r.iterations,
    ms,
    msPerIteration: ms / r.iterations,
    inferences: r.trace.size,
    inferencesPerSec: Math.round((r.trace.size / ms) * 1000),
    firstProofIteration: first?.iteration ?? -1,
    targetTv: space.getTruthValue(target).toString(),
    bitSize: r.bitSize,
    rssMB: rssMB(),
  });
}

function forward(): void {
  const { space, links } = hierarchy();
  const ruleBase = loadPlnRuleBase(space, { rules: ['inheritance-deduction-rule'] });
  settle();
  const { value: r, ms } = timed(() => forwardChain(space, ruleBase, links, { maximumIterations: 1000, seed: 1 }));
  report({
    workload: 'fc-deduction-1000',
    links: LINKS,
    iterations: r.iterations,
    ms,
    msPerIteration: ms / r.iterations,
    inferences: r.trace.size,
    inferencesPerSec: Math.round((r.trace.size / ms) * 1000),
    conclusions: r.results.length,
    rssMB: rssMB(),
  });
}

backward();
settle();
forward();
