export {
  minePatterns,
  MAX_MINER_BOUND,
  SUPPORT_KEY_NAME,
  type MineOptions,
  type MineProgress,
  type MinedPattern,
  type MineResult,
} from './miner/miner';
export type { SurprisingnessMeasure } from './miner/surprisingness';
export { AttentionBank, type RunCyclesOptions } from './ecan/attention-bank';
export { DEFAULT_ATTENTION_PARAMS, type AttentionParams } from './ecan/attention-params';
