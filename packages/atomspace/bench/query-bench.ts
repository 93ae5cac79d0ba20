/**
 * Pattern-matcher workloads on a store of 100,000 InheritanceLinks among 10,000 concepts:
 * a two-clause join and a one-clause lookup, each executed repeatedly (results included).
 */
import { AtomSpace, executeQuery, parseAtom, type Atom, SeededRandom } from '../lib';
import { latencies, report, rssBytes, settle } from '@ai-opencog/bench-kit';

const CONCEPTS = 10_000;
const LINKS = 100_000;
const rnd = new SeededRandom(7);

settle();
const rssBefore = rssBytes();
const space = new AtomSpace();
const nodes: Atom[] = Array.from({ length: CONCEPTS }, (_, i) => space.addNode('ConceptNode', `c${i}`));
while (space.countByType('InheritanceLink') < LINKS) {
  space.addLink('InheritanceLink', [nodes[rnd.int(CONCEPTS)], nodes[rnd.int(CONCEPTS)]]);
}
settle();
const rssBytesPerAtom = Math.round((rssBytes() - rssBefore) / space.size);

const workloads: [string, string, number][] = [
  [
    'query two clauses (Inheritance $x $y)(Inheritance $y c42)',
    '(Get (And (Inheritance (Variable "$x") (Variable "$y")) (Inheritance (Variable "$y") (Concept "c42"))))',
    2_000,
  ],
  ['query one clause (Inheritance $x c42)', '(Get (Inheritance (Variable "$x") (Concept "c42")))', 50_000],
];

for (const [op, text, runs] of workloads) {
  const query = parseAtom(space, text);
  const first = executeQuery(space, query);
  const results = first.kind === 'set' ? first.atom.arity : -1;
  const l = latencies(runs, Math.min(runs, 1000), () => executeQuery(space, query));
  report({ op, n: runs, results, msPerQuery: l.mean, p50Ms: l.p50, p99Ms: l.p99, rssBytesPerAtom });
}
