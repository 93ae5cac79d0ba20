import { AtomSpace, atomToJson, rootAtoms, writeAtom } from '@ai-opencog/atomspace';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { declareUserTypes, withCommonOptions, type CommandContext, type CommonOptions } from '../command-context';
import { loadKnowledgeBases } from '../knowledge-base-loader';

export interface LoadCommandOptions {
  print: boolean;
  json: boolean;
}

/**
 * `ai-opencog load [--print] FILE...`: loads the files into one AtomSpace. Prints a line per
 * atom type present (`<TypeName> <count>`), or with --print every top-level atom on one line
 * with the non-default values of every atom in it.
 */
export async function runLoad(space: AtomSpace, files: readonly string[], options: LoadCommandOptions, io: CliIo): Promise<void> {
  await loadKnowledgeBases(space, files, io);
  if (options.print) {
    for (const atom of rootAtoms(space)) {
      io.stdout.write(
        options.json
          ? `${JSON.stringify(atomToJson(atom, { space }))}\n`
          : `${writeAtom(atom, { space, style: 'compact' })}\n`,
      );
    }
    return;
  }
  const histogram = space.typeHistogram();
  if (options.json) {
    const types = Object.fromEntries(histogram.map(({ type, count }) => [type.name, count]));
    io.stdout.write(`${JSON.stringify({ atoms: space.size, types })}\n`);
  } else {
    for (const { type, count } of histogram) io.stdout.write(`${type.name} ${count}\n`);
  }
}

export function registerLoadCommand(program: Command, ctx: CommandContext): void {
  withCommonOptions(
    program
      .command('load')
      .description('load Atomese files into one AtomSpace and print a count per atom type, or every atom')
      .argument('<FILE...>', 'Atomese (.scm) files, loaded in order')
      .option('--print', 'print every top-level atom, one per line, with its non-default values', false),
  ).action(async (files: string[], o: CommonOptions & { print: boolean }) => {
    declareUserTypes(ctx, o);
    await runLoad(ctx.space, files, { print: o.print, json: o.json }, ctx.io);
  });
}
