/**
 * Pattern-matcher workloads on a store of 100,000 InheritanceLinks among 10,000 concepts:
 * a two-clause join and a one-clause lookup, each executed repeatedly (results included).
 */
import { AtomSpace, executeQuery, parseAtom, type Atom } from '../lib';
import { randomInt, report, rss, seededRandom, settle, latencies } from './bench-util';

const CONCEPTS = 10_000;
const LINKS = 100_000;
const rnd = seededRandom(7);

settle();
const rssBefore = rss();
const space = new AtomSpace();
const nodes: Atom[] = Array.from({ length: CONCEPTS }, (_, i) => space.addNode('ConceptNode', `c${i}`));
while (space.countByType('InheritanceLink') < LINKS) {
  space.addLink('InheritanceLink', [nodes[randomInt(rnd, CONCEPTS)], nodes[randomInt(rnd, CONCEPTS)]]);
}
settle();
const rssBytesPerAtom = Math.round((rss() - rssBefore) / space.size);

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
