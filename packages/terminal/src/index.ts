export type { TextSink } from './text-sink';
export { ProgressBar, type ProgressUnit } from './progress-bar';
