import type { AtomSpace } from '@ai-opencog/atomspace';
import { Command, InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io';
import { declareTypes } from './type-declarations';

/** What every command gets: the AtomSpace of this run and the terminal. */
export interface CommandContext {
  space: AtomSpace;
  io: CliIo;
}

/** Adds one command (or a few related ones) to the program. */
export type CommandRegistrar = (program: Command, ctx: CommandContext) => void;

/** Options of every command that loads knowledge: user type declarations and JSON output. */
export interface CommonOptions {
  type: string[];
  types: string[];
  json: boolean;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function positiveInt(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
      throw new InvalidArgumentError(`${what} must be a positive integer.`);
    }
    return n;
  };
}

export function nonNegativeNumber(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError(`${what} must be a non-negative number.`);
    }
    return n;
  };
}

/** Adds --type, --types and --json to a command. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--type <NAME:PARENT>', 'declare an atom type before loading, e.g. GeneNode:ConceptNode (repeatable)', collect, [])
    .option('--types <FILE>', "declare the atom types of an OpenCog atom_types.script file (repeatable)", collect, [])
    .option('--json', 'print machine-readable JSON', false);
}

/** Declares the user's types in the run's AtomSpace, before anything is loaded. */
export function declareUserTypes(ctx: CommandContext, o: CommonOptions): void {
  declareTypes(ctx.space.types, o.type, o.types);
}
