import { av, stv, type Atom, type SeededRandom } from '@ai-opencog/atomspace';
import type { AttentionBank } from './attention-bank';

/** Truth value of a new Hebbian link (HebbianCreationAgent::addHebbian). */
const NEW_LINK_STRENGTH = 0.5;
/** Confidence of Hebbian links, new or updated (HebbianUpdatingAgent). */
const HEBBIAN_CONFIDENCE = 0.1;

/**
 * HebbianCreationAgent, for an atom that has just entered the attentional focus: an
 * AsymmetricHebbianLink (stv 0.5 0.1) from it to every other atom of the focus and back, where
 * missing, each with its VLTI raised by one so that forgetting leaves it alone; then one link from
 * it to a random atom of `outside` for every `localToFarLinks` new links inside (rounded);
 * then, if the atom has `maxLinks` Hebbian links or more, random ones are removed until it has
 * fewer.
 */
export function createHebbianLinks(
  bank: AttentionBank,
  source: Atom,
  focus: readonly Atom[],
  outside: readonly Atom[],
  rng: SeededRandom,
): void {
  /** Adds the link unless it exists; true when it was added. */
  const add = (from: Atom, to: Atom): boolean => {
    if (bank.hebbianLink(from, to) !== undefined) return false;
    const link = bank.space.addLink(bank.types.asymmetricHebbian, [from, to], stv(NEW_LINK_STRENGTH, HEBBIAN_CONFIDENCE));
    const a = bank.space.getAttentionValue(link);
    bank.setAttentionValue(link, av(a.sti, a.lti, a.vlti + 1));
    return true;
  };
  let inside = 0;
  for (const other of focus) {
    if (other === source || bank.isHebbian(other)) continue;
    if (add(source, other)) inside++;
    add(other, source);
  }
  const far = Math.round(inside / bank.params.localToFarLinks);
  if (far > 0) {
    const candidates = outside.filter((a) => a !== source);
    for (let i = far; i > 0 && candidates.length > 0; i--) add(source, candidates.splice(rng.int(candidates.length), 1)[0]);
  }
  const links = bank.space.getIncoming(source).filter((l) => bank.isHebbian(l));
  while (links.length >= bank.params.maxLinks) bank.space.remove(links.splice(rng.int(links.length), 1)[0], true);
}

/**
 * HebbianUpdatingAgent for one atom of the focus: the strength of each of its outgoing
 * AsymmetricHebbianLinks moves towards the "target conjunction" of the two ends' STIs normalised
 * to [0, 1] (high when both are important, low when only the source is), by `hebbianLearningRate`.
 * OpenCog merges the new truth value into the old one with the higher-confidence rule, which
 * keeps the old one at equal confidence (so its strengths never move); here the new one is set.
 */
export function updateHebbianLinks(bank: AttentionBank, source: Atom, normalise: (sti: number) => number): void {
  const rate = bank.params.hebbianLearningRate;
  const ns = normalise(bank.space.getAttentionValue(source).sti);
  for (const { target, link } of bank.hebbianTargets(source)) {
    const nt = normalise(bank.space.getAttentionValue(target).sti);
    const conj = (ns * nt + (nt - ns) * Math.abs(nt - ns) + 1) / 2;
    const old = bank.space.getTruthValue(link).strength;
    bank.space.setTruthValue(link, stv(rate * conj + (1 - rate) * old, HEBBIAN_CONFIDENCE));
  }
}
