import type { Atom } from '@ai-opencog/atomspace';
import type { AttentionBank } from './attention-bank';

/**
 * Where an atom's STI goes (ImportanceDiffusionBase::diffuseAtom): a share of `maxSpreadPercentage`
 * of its STI (rounded, as OpenCog does), split between
 * - its Hebbian neighbours (targets of its AsymmetricHebbianLinks): each gets
 *   hebbianMaxAllocationPercentage / n × (1 / n) × strength × confidence of the link, n being
 *   their number, so weak links conduct little;
 * - its incident atoms (incoming and outgoing sets, Hebbian links excluded), which share the rest
 *   equally.
 * A target that is both gets both shares (OpenCog's map keeps only the Hebbian one).
 * Returns the amount per target.
 */
export function diffusionShares(bank: AttentionBank, source: Atom): Map<Atom, number> {
  const out = new Map<Atom, number>();
  const total = Math.round(bank.space.getAttentionValue(source).sti * bank.params.maxSpreadPercentage);
  if (total <= 0) return out;

  const hebbian = bank.hebbianTargets(source);
  let used = 0;
  for (const { target, link } of hebbian) {
    const tv = bank.space.getTruthValue(link);
    const share = (bank.params.hebbianMaxAllocationPercentage / hebbian.length) * (1 / hebbian.length) * tv.strength * tv.confidence;
    out.set(target, share * total);
    used += share;
  }
  if (!bank.params.spreadHebbianOnly) {
    const incident = incidentAtoms(bank, source);
    for (const target of incident) out.set(target, (out.get(target) ?? 0) + ((1 - used) / incident.length) * total);
  }
  return out;
}

/** The atom's incoming and outgoing atoms, without Hebbian links, each once. */
function incidentAtoms(bank: AttentionBank, atom: Atom): Atom[] {
  const all = new Set<Atom>();
  for (const l of bank.space.getIncoming(atom)) if (!bank.isHebbian(l)) all.add(l);
  for (const a of atom.outgoing) if (!bank.isHebbian(a)) all.add(a);
  return [...all];
}

/**
 * Diffuses importance from each source (AFImportanceDiffusionAgent, and WAImportanceDiffusionAgent
 * for one atom outside the focus): the shares are computed from the STI before any is moved,
 * then traded, each atom's STI changing once by the sum of what it gives and gets.
 */
export function diffuse(bank: AttentionBank, sources: readonly Atom[]): void {
  const delta = new Map<Atom, number>();
  const add = (a: Atom, x: number) => delta.set(a, (delta.get(a) ?? 0) + x);
  for (const source of sources) {
    for (const [target, amount] of diffusionShares(bank, source)) {
      add(source, -amount);
      add(target, amount);
    }
  }
  for (const [atom, d] of delta) {
    if (d !== 0 && atom.isAlive) bank.setSTI(atom, bank.space.getAttentionValue(atom).sti + d);
  }
}
