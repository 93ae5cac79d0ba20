import { atomToJson, writeAtom, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import { AttentionBank } from '@ai-opencog/learning';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { InputError, UsageError } from '../cli-errors';
import { collect, declareUserTypes, withCommonOptions, type CommandContext, type CommonOptions } from '../command-context';
import { loadKnowledgeBases } from '../knowledge-base-loader';
import type { OutputOptions } from '../output-format';
import { nonNegativeInt, readAtomArgument } from './command-arguments';

export interface AttentionCommandOptions extends OutputOptions {
  kb: string[];
  /** `ATOM=AMOUNT` each, ATOM being Atomese text or @FILE. */
  stimulate: string[];
  cycles: number;
  seed?: number;
}

/**
 * `ai-opencog attention --kb FILE... --stimulate ATOM=AMOUNT ... --cycles N [--seed S]`: loads the
 * knowledge bases, stimulates the atoms, runs N ECAN cycles with OpenCog's default parameters and
 * prints the atoms of the attentional focus, highest STI first, with their attention values.
 */
export async function runAttention(space: AtomSpace, options: AttentionCommandOptions, io: CliIo): Promise<void> {
  const stimuli = options.stimulate.map((s) => parseStimulus(space, s));
  await loadKnowledgeBases(space, options.kb, io);
  const bank = new AttentionBank(space, options.seed === undefined ? {} : { seed: options.seed });
  try {
    for (const { atom, amount, text } of stimuli) {
      const target = space.get(atom);
      if (target === undefined) throw new InputError(`--stimulate: ${text} is not in the knowledge bases`);
      bank.stimulate(target, amount);
    }
    bank.runCycles(options.cycles, { signal: io.signal });
    for (const atom of bank.attentionalFocus()) {
      io.stdout.write(
        options.json
          ? `${JSON.stringify(atomToJson(atom, { space }))}\n`
          : `${writeAtom(atom, { space, style: options.compact ? 'compact' : 'pretty' })}\n`,
      );
    }
  } finally {
    bank.close();
  }
}

/** Splits `ATOM=AMOUNT` at its last `=` (Atomese names may hold one). */
function parseStimulus(space: AtomSpace, arg: string): { atom: Atom; amount: number; text: string } {
  const eq = arg.lastIndexOf('=');
  const text = arg.slice(0, eq).trim();
  const amountText = arg.slice(eq + 1).trim();
  const amount = Number(amountText);
  if (eq < 0 || text === '' || amountText === '' || !Number.isFinite(amount)) {
    throw new UsageError(`--stimulate takes ATOM=AMOUNT with a number for AMOUNT, got '${arg}'`);
  }
  return { atom: readAtomArgument(space, text, 'stimulus'), amount, text };
}

export function registerAttentionCommand(program: Command, ctx: CommandContext): void {
  withCommonOptions(
    program
      .command('attention')
      .description('stimulate atoms, run ECAN attention allocation and print the attentional focus')
      .requiredOption('--kb <FILE>', 'an Atomese file to load first (repeatable)', collect)
      .requiredOption('--stimulate <ATOM=AMOUNT>', 'stimulate an atom (Atomese, or @FILE) by AMOUNT (repeatable)', collect)
      .requiredOption('--cycles <N>', 'number of ECAN cycles to run', nonNegativeInt('--cycles'))
      .option('--seed <S>', 'seed of the random choices (default 1)', nonNegativeInt('--seed'))
      .option('--compact', 'print each atom on one line', false),
  ).action(async (o: CommonOptions & { kb: string[]; stimulate: string[]; cycles: number; seed?: number; compact: boolean }) => {
    declareUserTypes(ctx, o);
    await runAttention(
      ctx.space,
      { kb: o.kb, stimulate: o.stimulate, cycles: o.cycles, seed: o.seed, json: o.json, compact: o.compact },
      ctx.io,
    );
  });
}
