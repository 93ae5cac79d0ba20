import type { Command } from 'commander';
import type { CommandContext } from '../command-context';
import { registerAttentionCommand } from './attention-command';
import { registerMineCommand } from './mine-command';

/** The commands of @ai-opencog/learning: `mine` (pattern miner) and `attention` (ECAN). */
export function registerLearningCommands(program: Command, ctx: CommandContext): void {
  registerMineCommand(program, ctx);
  registerAttentionCommand(program, ctx);
}
