import type { CommandRegistrar } from '../command-context';
import { registerLearningCommands } from './learning-commands';
import { registerLoadCommand } from './load-command';
import { registerQueryCommand } from './query-command';
import { registerReasoningCommands } from './reasoning-commands';

/** Every command of ai-opencog, in the order `--help` lists them. */
export const COMMANDS: readonly CommandRegistrar[] = [registerLoadCommand, registerQueryCommand, registerLearningCommands, registerReasoningCommands];
