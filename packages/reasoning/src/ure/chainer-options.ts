import type { Atom, TruthValue } from '@ai-opencog/atomspace';
import type { InferenceTrace } from './inference-trace';
import type { RuleBase, UreConfig } from './rule-base';
import type { StopReason } from './run-control';

/** Options common to both chainers. Anything left out comes from the rule base's parameters. */
export interface ChainerOptions extends Partial<UreConfig> {
  /**
   * The run stops at the first iteration boundary (or query) after this many milliseconds and
   * returns what it found so far, with `complete: false` and `stopReason: 'time-limit'`.
   */
  timeLimitMs?: number;
  /** When aborted, the run throws AtomSpaceError('QUERY_ABORTED'); conclusions already added stay. */
  signal?: AbortSignal;
  /** Seed of every random choice (default 0): the same seed, knowledge and rules give the same run. */
  seed?: number;
  /** Called at the start of each iteration with its number (1-based) and the maximum (-1: none). */
  onProgress?: (iteration: number, maximum: number) => void;
}

/** An atom the chainer concluded (or found), with its truth value at the end of the run. */
export interface ChainerResultItem {
  readonly atom: Atom;
  readonly tv: TruthValue;
}

export interface ChainerResult {
  readonly results: readonly ChainerResultItem[];
  readonly trace: InferenceTrace;
  /** Iterations run. */
  readonly iterations: number;
  readonly stopReason: StopReason;
  /** False when the time limit cut the run short. */
  readonly complete: boolean;
}

/** The rule base's parameters, overridden by the options that are set. */
export function effectiveConfig(ruleBase: RuleBase, options: ChainerOptions): UreConfig {
  const config = { ...ruleBase.config };
  if (options.maximumIterations !== undefined) config.maximumIterations = options.maximumIterations;
  if (options.complexityPenalty !== undefined) config.complexityPenalty = options.complexityPenalty;
  if (options.retryExhaustedSources !== undefined) config.retryExhaustedSources = options.retryExhaustedSources;
  if (options.maximumBitSize !== undefined) config.maximumBitSize = options.maximumBitSize;
  return config;
}
