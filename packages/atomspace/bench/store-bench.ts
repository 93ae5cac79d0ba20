/**
 * AtomSpace store workloads, one process: add 1M ConceptNodes, add 1M InheritanceLinks between
 * random existing concepts, 1M node lookups, 1M incoming-set reads, 1M truth-value writes, and
 * resident memory per atom after 1M nodes + 1M links. Random choices are drawn before timing.
 */
import { AtomSpace, stv, type Atom, SeededRandom } from '../lib';
import { report, rssBytes, settle, timeOps } from '@ai-opencog/bench-kit';

const N = 1_000_000;
const rnd = new SeededRandom(42);
const names = Array.from({ length: N }, (_, i) => `c${i}`);
const linkEnds = Int32Array.from({ length: 2 * N }, () => rnd.int(N));
const lookupKeys = Array.from({ length: N }, () => names[rnd.int(N)]);
const readPicks = Int32Array.from({ length: N }, () => rnd.int(N));
const strengths = Float64Array.from({ length: N }, () => rnd.next());

settle();
const rssBefore = rssBytes();
const space = new AtomSpace();
const concept = space.resolve('ConceptNode');
const inheritance = space.resolve('InheritanceLink');
const nodes: Atom[] = new Array(N);
const perAtom = () => Math.round((rssBytes() - rssBefore) / space.size);

let r = timeOps(N, (i) => {
  nodes[i] = space.addNode(concept, names[i]);
});
report({ op: 'add ConceptNode', n: N, opsPerSec: r.opsPerSec, ms: r.ms, rssBytesPerAtom: perAtom() });

r = timeOps(N, (i) => {
  space.addLink(inheritance, [nodes[linkEnds[2 * i]], nodes[linkEnds[2 * i + 1]]]);
});
report({ op: 'add InheritanceLink', n: N, opsPerSec: r.opsPerSec, ms: r.ms, rssBytesPerAtom: perAtom() });

let found = 0;
r = timeOps(N, (i) => {
  if (space.getNode(concept, lookupKeys[i]) !== undefined) found++;
});
if (found !== N) throw new Error(`lookup found ${found} of ${N}`);
report({ op: 'lookup node by type and name', n: N, opsPerSec: r.opsPerSec, ms: r.ms, rssBytesPerAtom: perAtom() });

let incoming = 0;
r = timeOps(N, (i) => {
  incoming += space.getIncoming(nodes[readPicks[i]]).length;
});
report({ op: 'incoming-set read', n: N, opsPerSec: r.opsPerSec, ms: r.ms, meanIncoming: incoming / N, rssBytesPerAtom: perAtom() });

settle();
const atoms = space.size;
report({ op: 'resident memory after 1M nodes + 1M links', n: atoms, rssBytesPerAtom: Math.round((rssBytes() - rssBefore) / atoms) });

r = timeOps(N, (i) => {
  space.setTruthValue(nodes[readPicks[i]], stv(strengths[i], 0.9));
});
report({ op: 'truth-value write', n: N, opsPerSec: r.opsPerSec, ms: r.ms, rssBytesPerAtom: perAtom() });
