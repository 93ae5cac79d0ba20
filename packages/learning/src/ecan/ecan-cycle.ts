import type { Atom, SeededRandom } from '@ai-opencog/atomspace';
import type { AttentionBank } from './attention-bank';
import { diffuse } from './diffusion';
import { createHebbianLinks, updateHebbianLinks } from './hebbian';
import { collectRent } from './rent';

/** What a cycle leaves for the next: the focus it worked on and the atoms still to link (OpenCog's newAtomsInAV queue). */
export interface CycleState {
  previousFocus: ReadonlySet<Atom>;
  readonly newInFocus: Set<Atom>;
}

/**
 * One ECAN cycle: OpenCog runs its agents in threads of their own; here each runs once per cycle,
 * in this order, on the focus as it stands at the start of the cycle:
 * 1. Hebbian creation for one atom that entered the focus (atoms entering are queued, oldest
 *    first, as OpenCog's agent pops one per run); far links go to atoms holding importance
 *    outside the focus;
 * 2. importance diffusion from every atom of the focus (AF agent) and from one random atom
 *    holding STI outside it (WA agent);
 * 3. rent from every atom of the focus (AF agent) and from one random atom holding STI or LTI
 *    outside it (WA agent);
 * 4. Hebbian updating of the links out of every atom of the focus (OpenCog's agent takes one
 *    random atom per run).
 */
export function runCycle(bank: AttentionBank, state: CycleState, rng: SeededRandom): void {
  const focus = bank.attentionalFocus();
  const inFocus = new Set(focus);
  const sources = focus.filter((a) => !bank.isHebbian(a));
  for (const a of sources) if (!state.previousFocus.has(a)) state.newInFocus.add(a);
  const outside = (pred: (a: Atom) => boolean) => bank.holders().filter((a) => !inFocus.has(a) && pred(a));

  for (const a of state.newInFocus) {
    state.newInFocus.delete(a);
    if (!a.isAlive) continue;
    createHebbianLinks(bank, a, focus, outside((x) => !bank.isHebbian(x)), rng);
    break;
  }

  const wanderer = rng.pick(outside((a) => !bank.isHebbian(a) && bank.space.getAttentionValue(a).sti > 0));
  diffuse(bank, wanderer === undefined ? sources : [...sources, wanderer]);

  for (const a of focus) if (a.isAlive) collectRent(bank, a);
  const tenant = rng.pick(outside(() => true));
  if (tenant !== undefined) collectRent(bank, tenant);

  const normalise = bank.stiNormaliser();
  for (const a of sources) if (a.isAlive) updateHebbianLinks(bank, a, normalise);
  state.previousFocus = inFocus;
}
