import { AtomSpaceError } from '../errors';

/**
 * Attention value of ECAN: short-term importance (STI), long-term importance (LTI) and
 * very-long-term importance (VLTI, a "do not forget" flag when > 0). Immutable.
 */
export class AttentionValue {
  readonly kind = 'av' as const;

  constructor(
    readonly sti: number,
    readonly lti: number,
    readonly vlti: number,
  ) {}

  isDefault(): boolean {
    return this.sti === 0 && this.lti === 0 && this.vlti === 0;
  }

  equals(other: AttentionValue): boolean {
    return this.sti === other.sti && this.lti === other.lti && this.vlti === other.vlti;
  }

  toString(): string {
    return `(av ${this.sti} ${this.lti} ${this.vlti})`;
  }
}

export const DEFAULT_AV = new AttentionValue(0, 0, 0);

export function av(sti: number, lti: number, vlti = 0): AttentionValue {
  for (const [what, x] of [['sti', sti], ['lti', lti], ['vlti', vlti]] as const) {
    if (!Number.isFinite(x)) throw new AtomSpaceError('INVALID_VALUE', `${what} must be a finite number, got ${x}`);
  }
  if (sti === 0 && lti === 0 && vlti === 0) return DEFAULT_AV;
  return new AttentionValue(sti, lti, vlti);
}
