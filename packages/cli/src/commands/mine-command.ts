import { atomToJson, stv, writeAtom, type AtomSpace } from '@ai-opencog/atomspace';
import { MAX_MINER_BOUND, minePatterns, type MinedPattern, type SurprisingnessMeasure } from '@ai-opencog/learning';
import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import { collect, declareUserTypes, positiveInt, withCommonOptions, type CommandContext, type CommonOptions } from '../command-context';
import { loadKnowledgeBases } from '../knowledge-base-loader';
import type { OutputOptions } from '../output-format';
import { intFromOneTo, nonNegativeInt, readAtomArgument } from './command-arguments';

export interface MineCommandOptions extends OutputOptions {
  kb: string[];
  minSupport: number;
  /** Atomese text of the initial pattern, or @FILE. */
  initial?: string;
  maxConjuncts?: number;
  maxVariables?: number;
  surprisingness?: SurprisingnessMeasure;
  timeLimitMs?: number;
}

/** Stands for the mined texts (all top-level atoms of the knowledge bases) in surprisingness results. */
const TEXTS_CONCEPT = 'texts';

/**
 * `ai-opencog mine --kb FILE... --minsup N`: mines the top-level atoms of the knowledge bases
 * for frequent patterns. Each pattern is printed as OpenCog's miner returns it, a LambdaLink,
 * carrying its support as `(alist (cons (PredicateNode "support") (FloatValue N)))`. With
 * --surprisingness, each is wrapped as OpenCog's surprisingness rules wrap it:
 * `(EvaluationLink (stv SURPRISINGNESS 1) (PredicateNode "nisurp") (ListLink PATTERN (ConceptNode "texts")))`,
 * most surprising first.
 */
export async function runMine(space: AtomSpace, options: MineCommandOptions, io: CliIo): Promise<void> {
  const initialPattern = options.initial === undefined ? undefined : readAtomArgument(space, options.initial, 'pattern');
  await loadKnowledgeBases(space, options.kb, io);
  const result = minePatterns(space, {
    minSupport: options.minSupport,
    initialPattern,
    maxConjuncts: options.maxConjuncts,
    maxVariables: options.maxVariables,
    surprisingness: options.surprisingness,
    timeLimitMs: options.timeLimitMs,
    signal: io.signal,
  });
  const out = result.space;
  const measure = options.surprisingness;
  for (const p of result.patterns) {
    if (options.json) {
      io.stdout.write(`${JSON.stringify(patternJson(p, out, measure))}\n`);
      continue;
    }
    const atom =
      measure === undefined
        ? p.pattern
        : out.addLink(
            'EvaluationLink',
            [out.addNode('PredicateNode', measure), out.addLink('ListLink', [p.pattern, out.addNode('ConceptNode', TEXTS_CONCEPT)])],
            stv(p.surprisingness!, 1),
          );
    io.stdout.write(`${writeAtom(atom, { space: out, style: options.compact ? 'compact' : 'pretty' })}\n`);
  }
  if (!result.complete) io.stderr.write(`ai-opencog: note: stopped at --time-limit ${options.timeLimitMs}; there may be more patterns\n`);
}

function patternJson(p: MinedPattern, space: AtomSpace, measure: SurprisingnessMeasure | undefined) {
  const json: Record<string, unknown> = { pattern: atomToJson(p.pattern, { space }), support: p.support, conjuncts: p.conjuncts };
  if (measure !== undefined) json[measure] = p.surprisingness;
  return json;
}

export function registerMineCommand(program: Command, ctx: CommandContext): void {
  withCommonOptions(
    program
      .command('mine')
      .description('mine the top-level atoms of knowledge bases for frequent patterns (OpenCog pattern miner)')
      .requiredOption('--kb <FILE>', 'an Atomese file to mine (repeatable)', collect)
      .requiredOption('--minsup <N>', 'minimum support: patterns with fewer groundings are dropped', nonNegativeInt('--minsup'))
      .option('--initial <PATTERN>', 'mine specializations of this pattern (Atomese, or @FILE)')
      .option('--max-conjuncts <K>', 'most clauses in a pattern, up to 9 (default 3)', intFromOneTo('--max-conjuncts', MAX_MINER_BOUND))
      .option('--max-variables <V>', 'most variables in a pattern, up to 9 (default 3)', intFromOneTo('--max-variables', MAX_MINER_BOUND))
      .addOption(new Option('--surprisingness <MEASURE>', 'rank patterns of 2+ clauses by this measure').choices(['isurp', 'nisurp']))
      .option('--time-limit <MS>', 'stop mining after this many milliseconds', positiveInt('--time-limit'))
      .option('--compact', 'print each result on one line', false),
  ).action(
    async (
      o: CommonOptions & {
        kb: string[];
        minsup: number;
        initial?: string;
        maxConjuncts?: number;
        maxVariables?: number;
        surprisingness?: SurprisingnessMeasure;
        timeLimit?: number;
        compact: boolean;
      },
    ) => {
      declareUserTypes(ctx, o);
      await runMine(
        ctx.space,
        {
          kb: o.kb,
          minSupport: o.minsup,
          initial: o.initial,
          maxConjuncts: o.maxConjuncts,
          maxVariables: o.maxVariables,
          surprisingness: o.surprisingness,
          timeLimitMs: o.timeLimit,
          json: o.json,
          compact: o.compact,
        },
        ctx.io,
      );
    },
  );
}
