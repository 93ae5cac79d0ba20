import {
  AtomSpaceError,
  av,
  type Atom,
  type AtomSpace,
  type AtomSpaceEvent,
  type AtomType,
  type AttentionValue,
  SeededRandom,
} from '@ai-opencog/atomspace';
import { resolveParams, type AttentionParams } from './attention-params';
import { runCycle, type CycleState } from './ecan-cycle';
import { forget } from './forgetting';
import { clamp, ltiWage, stiWage } from './stimulus';

export interface RunCyclesOptions {
  /** Reseeds the bank's generator first: the same seed on the same space gives the same run. */
  seed?: number;
  /** Checked before each cycle; aborting throws AtomSpaceError('QUERY_ABORTED'). */
  signal?: AbortSignal;
  onProgress?: (progress: { cycle: number; cycles: number; focus: number }) => void;
}

/**
 * OpenCog's AttentionBank with the ECAN agents (opencog/attention): attention values live on the
 * atoms of the space (`space.getAttentionValue`); the bank keeps the STI and LTI funds, which
 * every change of an attention value in the space debits or credits (the sum of the funds and of
 * the atoms' importance stays what the bank started with), pays wages for stimulus, and runs
 * cycles of diffusion, rent and Hebbian learning. Call `close()` to stop it listening to the space.
 */
export class AttentionBank {
  readonly params: AttentionParams;
  readonly types: { readonly hebbian: AtomType; readonly asymmetricHebbian: AtomType };
  private stiFundsHeld: number;
  private ltiFundsHeld: number;
  /** Atoms with a non-zero STI or LTI, in the order they got it (OpenCog's importance index). */
  private readonly holding = new Set<Atom>();
  private readonly unsubscribe: () => void;
  private rng: SeededRandom;
  private readonly cycleState: CycleState = { previousFocus: new Set(), newInFocus: new Set() };

  constructor(
    readonly space: AtomSpace,
    params: Partial<AttentionParams> = {},
  ) {
    this.params = resolveParams(params);
    this.types = { hebbian: space.types.get('HebbianLink'), asymmetricHebbian: space.types.get('AsymmetricHebbianLink') };
    this.rng = new SeededRandom(this.params.seed);
    this.stiFundsHeld = this.params.startingFundsSTI;
    this.ltiFundsHeld = this.params.startingFundsLTI;
    for (const a of [...space.atoms()].sort((x, y) => x.id - y.id)) {
      const v = space.getAttentionValue(a);
      this.stiFundsHeld -= v.sti;
      this.ltiFundsHeld -= v.lti;
      if (v.sti !== 0 || v.lti !== 0) this.holding.add(a);
    }
    this.unsubscribe = space.subscribe((e) => this.onEvent(e));
  }

  get stiFunds(): number {
    return this.stiFundsHeld;
  }

  get ltiFunds(): number {
    return this.ltiFundsHeld;
  }

  /**
   * Stimulates an atom (AttentionBank::stimulate): its STI grows by the current STI wage times the
   * stimulus and its LTI by the LTI wage times the stimulus, both paid from the funds. Returns the
   * new attention value.
   */
  stimulate(atom: Atom, stimulus: number): AttentionValue {
    if (!Number.isFinite(stimulus)) throw new AtomSpaceError('INVALID_VALUE', `a stimulus must be a finite number, got ${stimulus}`);
    const { sti, lti, vlti } = this.space.getAttentionValue(atom);
    const value = av(sti + stiWage(this.stiFundsHeld, this.params) * stimulus, lti + ltiWage(this.ltiFundsHeld, this.params) * stimulus, vlti);
    this.setAttentionValue(atom, value);
    return value;
  }

  /**
   * The attentional focus: the atoms whose STI is above `afBoundary`, at most `maxAFSize` of
   * them, highest STI first (then oldest first).
   */
  attentionalFocus(): Atom[] {
    const sti = (a: Atom) => this.space.getAttentionValue(a).sti;
    return [...this.holding]
      .filter((a) => sti(a) > this.params.afBoundary)
      .sort((a, b) => sti(b) - sti(a) || a.id - b.id)
      .slice(0, this.params.maxAFSize);
  }

  /** Runs `n` ECAN cycles (see runCycle in ecan-cycle.ts). */
  runCycles(n: number, options: RunCyclesOptions = {}): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new AtomSpaceError('INVALID_VALUE', `the number of cycles must be a non-negative integer, got ${n}`);
    if (options.seed !== undefined) this.rng = new SeededRandom(options.seed);
    for (let i = 0; i < n; i++) {
      if (options.signal?.aborted) throw new AtomSpaceError('QUERY_ABORTED', 'the ECAN run was aborted');
      runCycle(this, this.cycleState, this.rng);
      options.onProgress?.({ cycle: i + 1, cycles: n, focus: this.cycleState.previousFocus.size });
    }
  }

  /** Removes atoms of low LTI (see forget in forgetting.ts); returns the atoms removed. */
  forget(threshold = this.params.forgetThreshold, options: { recursive?: boolean } = {}): Atom[] {
    return forget(this, threshold, options.recursive ?? false);
  }

  /** Stops following the space's changes; the funds no longer track its attention values. */
  close(): void {
    this.unsubscribe();
  }

  // ------------------------------------------------------------ used by the agents

  setAttentionValue(atom: Atom, value: AttentionValue): void {
    this.space.setAttentionValue(atom, value);
  }

  setSTI(atom: Atom, sti: number): void {
    const { lti, vlti } = this.space.getAttentionValue(atom);
    this.setAttentionValue(atom, av(sti, lti, vlti));
  }

  /** Atoms holding STI or LTI, in the order they got it. */
  holders(): Atom[] {
    return [...this.holding];
  }

  isHebbian(atom: Atom): boolean {
    return atom.type.isA(this.types.hebbian);
  }

  hebbianLink(from: Atom, to: Atom): Atom | undefined {
    return this.space.getLink(this.types.asymmetricHebbian, [from, to]);
  }

  /** The AsymmetricHebbianLinks out of `source`, with their targets. */
  hebbianTargets(source: Atom): { target: Atom; link: Atom }[] {
    return this.space
      .getIncoming(source, this.types.asymmetricHebbian)
      .filter((l) => l.outgoing.length === 2 && l.outgoing[0] === source)
      .map((link) => ({ target: link.outgoing[1], link }));
  }

  /**
   * STI normalised to [0, 1] between the lowest and highest STI of all atoms
   * (AttentionBank::getNormalisedZeroToOneSTI, with the current extremes where OpenCog uses
   * recent averages).
   */
  stiNormaliser(): (sti: number) => number {
    let min = Infinity;
    let max = -Infinity;
    let nonZero = 0;
    for (const a of this.holding) {
      const s = this.space.getAttentionValue(a).sti;
      if (s === 0) continue;
      nonZero++;
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    if (nonZero < this.space.size) {
      min = Math.min(min, 0);
      max = Math.max(max, 0);
    }
    return max > min ? (s) => clamp((s - min) / (max - min), 0, 1) : () => 0;
  }

  private onEvent(e: AtomSpaceEvent): void {
    if (e.kind === 'av') {
      this.stiFundsHeld += e.previous.sti - e.value.sti;
      this.ltiFundsHeld += e.previous.lti - e.value.lti;
      if (e.value.sti !== 0 || e.value.lti !== 0) this.holding.add(e.atom);
      else this.holding.delete(e.atom);
    } else if (e.kind === 'remove') {
      this.holding.delete(e.atom);
    }
  }
}
