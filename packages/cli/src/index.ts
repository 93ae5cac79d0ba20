export { runCli } from './cli';
export type { CliIo, TextSink } from './cli-io';
export { EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_CANCELLED, UsageError, InputError, formatError } from './cli-errors';
export { loadKnowledgeBases } from './knowledge-base-loader';
export { declareTypes } from './type-declarations';
export {
  collect,
  positiveInt,
  nonNegativeNumber,
  withCommonOptions,
  declareUserTypes,
  type CommandContext,
  type CommandRegistrar,
  type CommonOptions,
} from './command-context';
