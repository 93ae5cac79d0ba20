import type { CommandRegistrar } from '../command-context';
import { registerApplyCommand } from './apply-command';
import { registerReasonCommand } from './reason-command';
import { registerReviseCommand } from './revise-command';

/** The reasoning commands: reason (forward/backward chaining), apply (rules once), revise (a TV). */
export const registerReasoningCommands: CommandRegistrar = (program, ctx) => {
  registerReasonCommand(program, ctx);
  registerApplyCommand(program, ctx);
  registerReviseCommand(program, ctx);
};
