import { AtomSpaceError } from '@ai-opencog/atomspace';

/**
 * ECAN's parameters. Defaults are OpenCog's: the AttentionBank constructor (funds and wages) and
 * the ECAN_PARAMS of opencog/attention's default-param-values.scm (the rest), except where noted.
 */
export interface AttentionParams {
  /** STI the bank starts with (AttentionBank: 100000). */
  startingFundsSTI: number;
  /** LTI the bank starts with (AttentionBank: 100000). */
  startingFundsLTI: number;
  /** Funds level wages and rents steer towards (TARGET_STI_FUNDS: 10000). */
  targetSTI: number;
  /** TARGET_LTI_FUNDS: 10000. */
  targetLTI: number;
  /** Funds distance at which wages and rents reach their extremes (STI_FUNDS_BUFFER: 10000). */
  stiFundsBuffer: number;
  /** LTI_FUNDS_BUFFER: 10000. */
  ltiFundsBuffer: number;
  /** STI paid per unit of stimulus at target funds (AttentionBank STIAtomWage: 10). */
  stiAtomWage: number;
  /** AttentionBank LTIAtomWage: 10. */
  ltiAtomWage: number;
  /** STI rent per atom per cycle at target funds (STARTING_ATOM_STI_RENT: 1). */
  stiAtomRent: number;
  /** STARTING_ATOM_LTI_RENT: 1. */
  ltiAtomRent: number;
  /** Most atoms in the attentional focus (MAX_AF_SIZE: 1000). */
  maxAFSize: number;
  /** Atoms need an STI above this to be in the focus (not an OpenCog parameter: its focus is the top MAX_AF_SIZE). Default 0. */
  afBoundary: number;
  /** Share of its STI an atom diffuses per cycle (MAX_SPREAD_PERCENTAGE: 0.4). */
  maxSpreadPercentage: number;
  /** Most of the diffused STI that goes along Hebbian links (HEBBIAN_MAX_ALLOCATION_PERCENTAGE: 0.05). */
  hebbianMaxAllocationPercentage: number;
  /** Diffuse along Hebbian links only (SPREAD_HEBBIAN_ONLY: 0). */
  spreadHebbianOnly: boolean;
  /** An atom with this many Hebbian links loses random ones (MAX_LINKS: 300). */
  maxLinks: number;
  /** One Hebbian link to an atom outside the focus per this many new ones inside (LOCAL_FAR_LINK_RATIO: 10). */
  localToFarLinks: number;
  /** Weight of the new value when a Hebbian link's strength is updated (HebbianUpdatingAgent's tcDecayRate: 0.1). */
  hebbianLearningRate: number;
  /** forget() removes atoms whose LTI is below this (FORGET_THRESHOLD: 0.05). */
  forgetThreshold: number;
  /** Seed of the bank's pseudo-random generator (random choices are seeded, not OpenCog's). Default 1. */
  seed: number;
}

export const DEFAULT_ATTENTION_PARAMS: Readonly<AttentionParams> = Object.freeze({
  startingFundsSTI: 100000,
  startingFundsLTI: 100000,
  targetSTI: 10000,
  targetLTI: 10000,
  stiFundsBuffer: 10000,
  ltiFundsBuffer: 10000,
  stiAtomWage: 10,
  ltiAtomWage: 10,
  stiAtomRent: 1,
  ltiAtomRent: 1,
  maxAFSize: 1000,
  afBoundary: 0,
  maxSpreadPercentage: 0.4,
  hebbianMaxAllocationPercentage: 0.05,
  spreadHebbianOnly: false,
  maxLinks: 300,
  localToFarLinks: 10,
  hebbianLearningRate: 0.1,
  forgetThreshold: 0.05,
  seed: 1,
});

const POSITIVE = ['stiFundsBuffer', 'ltiFundsBuffer', 'localToFarLinks'] as const;
const FRACTIONS = ['maxSpreadPercentage', 'hebbianMaxAllocationPercentage', 'hebbianLearningRate'] as const;
const COUNTS = ['maxAFSize', 'maxLinks'] as const;

/** The defaults overridden by `given`, checked. */
export function resolveParams(given: Partial<AttentionParams>): AttentionParams {
  const p: AttentionParams = { ...DEFAULT_ATTENTION_PARAMS, ...given };
  for (const [name, value] of Object.entries(p)) {
    if (name !== 'spreadHebbianOnly' && !Number.isFinite(value)) throw invalid(`${name} must be a finite number, got ${value}`);
  }
  for (const name of POSITIVE) if (!(p[name] > 0)) throw invalid(`${name} must be positive, got ${p[name]}`);
  for (const name of FRACTIONS) if (!(p[name] >= 0 && p[name] <= 1)) throw invalid(`${name} must be between 0 and 1, got ${p[name]}`);
  for (const name of COUNTS) if (!(Number.isInteger(p[name]) && p[name] >= 1)) throw invalid(`${name} must be a positive integer, got ${p[name]}`);
  if (!Number.isInteger(p.seed)) throw invalid(`seed must be an integer, got ${p.seed}`);
  return p;
}

function invalid(message: string): AtomSpaceError {
  return new AtomSpaceError('INVALID_VALUE', message);
}
