import { AtomSpace, isAtomValue, parseAtomese } from '@ai-opencog/atomspace';
import { reviseTruthValue } from '@ai-opencog/reasoning';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { InputError } from '../cli-errors';
import { collect, declareUserTypes, withCommonOptions, type CommandContext, type CommonOptions } from '../command-context';
import { loadKnowledgeBases } from '../knowledge-base-loader';
import { printAtom, type OutputOptions } from '../output-format';
import { readAtomArgument } from './command-arguments';

export interface ReviseCommandOptions extends OutputOptions {
  kb: string[];
}

/**
 * `ai-opencog revise --kb FILE... ATOM TV`: merges TV into the atom's truth value by PLN-book
 * revision (evidence counts add, strengths average weighted by them) and prints the atom.
 */
export async function runRevise(space: AtomSpace, atomArg: string, tvArg: string, options: ReviseCommandOptions, io: CliIo): Promise<void> {
  await loadKnowledgeBases(space, options.kb, io);
  const atom = space.add(readAtomArgument(space, atomArg, 'atom'));
  const [tv, ...more] = parseAtomese(new AtomSpace({ types: space.types }), tvArg, { file: '<truth value>' });
  if (tv === undefined || more.length > 0 || isAtomValue(tv) || tv.kind !== 'tv') {
    throw new InputError(`the truth value must be one (stv S C) or (ctv S C N), got '${tvArg}'`);
  }
  reviseTruthValue(space, atom, tv);
  printAtom(io.stdout, atom, space, options);
}

export function registerReviseCommand(program: Command, ctx: CommandContext): void {
  withCommonOptions(
    program
      .command('revise')
      .description("revise an atom's truth value with another estimate (PLN revision) and print it")
      .argument('<ATOM>', 'the atom, as Atomese text or @FILE')
      .argument('<TV>', "the other estimate, e.g. '(stv 0.8 0.9)'")
      .requiredOption('--kb <FILE>', 'an Atomese file to load first (repeatable)', collect)
      .option('--compact', 'print the atom on one line', false),
  ).action(async (atom: string, tv: string, o: CommonOptions & { kb: string[]; compact: boolean }) => {
    declareUserTypes(ctx, o);
    await runRevise(ctx.space, atom, tv, { kb: o.kb, json: o.json, compact: o.compact }, ctx.io);
  });
}
