import type { CommandRegistrar } from '../command-context';
import { registerLoadCommand } from './load-command';
import { registerQueryCommand } from './query-command';

/** Every command of ai-opencog, in the order `--help` lists them. */
export const COMMANDS: readonly CommandRegistrar[] = [registerLoadCommand, registerQueryCommand];
