import { CountTruthValue, DEFAULT_TV, SimpleTruthValue, type TruthValue } from '../values/truth-value';

const INITIAL_CAPACITY = 1024;

/**
 * The truth values of the atoms of one AtomSpace, by slot: strengths and confidences in typed
 * arrays. Writing a TV stores two numbers instead of keeping a new object reachable from an old
 * atom, which spares the garbage collector most of the cost of frequent TV updates; reading makes
 * a small, short-lived TV object (or returns the shared default). CountTruthValues, which are
 * rare, are kept as objects beside the arrays.
 */
export class TruthValueTable {
  private strengths = new Float64Array(INITIAL_CAPACITY).fill(1);
  private confidences = new Float64Array(INITIAL_CAPACITY);
  private counted: Map<number, CountTruthValue> | undefined;
  private next = 0;
  private readonly free: number[] = [];

  /** A slot holding the default TV. */
  allocate(): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.next++;
    if (slot >= this.strengths.length) this.grow();
    return slot;
  }

  /** Gives the slot back, reset to the default TV. */
  release(slot: number): void {
    this.strengths[slot] = 1;
    this.confidences[slot] = 0;
    this.counted?.delete(slot);
    this.free.push(slot);
  }

  get(slot: number): TruthValue {
    if (this.counted !== undefined) {
      const c = this.counted.get(slot);
      if (c !== undefined) return c;
    }
    const s = this.strengths[slot];
    const c = this.confidences[slot];
    return s === 1 && c === 0 ? DEFAULT_TV : new SimpleTruthValue(s, c);
  }

  set(slot: number, tv: TruthValue): void {
    this.strengths[slot] = tv.strength;
    this.confidences[slot] = tv.confidence;
    if (tv instanceof CountTruthValue) (this.counted ??= new Map()).set(slot, tv);
    else this.counted?.delete(slot);
  }

  /** Forgets every slot. */
  reset(): void {
    this.strengths = new Float64Array(INITIAL_CAPACITY).fill(1);
    this.confidences = new Float64Array(INITIAL_CAPACITY);
    this.counted = undefined;
    this.next = 0;
    this.free.length = 0;
  }

  private grow(): void {
    const n = this.strengths.length * 2;
    const s = new Float64Array(n).fill(1);
    s.set(this.strengths);
    const c = new Float64Array(n);
    c.set(this.confidences);
    this.strengths = s;
    this.confidences = c;
  }
}
