import type { AtomSpace } from '@ai-opencog/atomspace';
import {
  backwardChain,
  forwardChain,
  loadPlnRuleBase,
  loadRuleBase,
  plnRuleNames,
  type ChainerResult,
  type RuleBase,
} from '@ai-opencog/reasoning';
import { Command, InvalidArgumentError } from 'commander';
import type { CliIo } from '../cli-io';
import { InputError, UsageError } from '../cli-errors';
import {
  collect,
  declareUserTypes,
  nonNegativeNumber,
  positiveInt,
  withCommonOptions,
  type CommandContext,
  type CommonOptions,
} from '../command-context';
import { loadKnowledgeBases } from '../knowledge-base-loader';
import type { OutputOptions } from '../output-format';
import { readAtomArgument } from './command-arguments';
import { printResults, printTraceComments, resultJson, traceJson } from './reasoning-output';

export interface ReasonCommandOptions extends OutputOptions {
  kb: string[];
  /** Rule names (PLN rules, or rules the files define); exclusive with `ruleBase`. */
  rules?: string[];
  /** A rule base the files define, as Atomese text or @path. */
  ruleBase?: string;
  forward?: string;
  backward?: string;
  vardecl?: string;
  maxIterations?: number;
  complexityPenalty?: number;
  timeLimitMs?: number;
  seed?: number;
  trace: boolean;
}

/** The rule base built for `--rules`. */
const RULES_BASE_NAME = 'ai-opencog-rules';

/**
 * `ai-opencog reason`: loads the knowledge bases, runs the forward chainer from SOURCE or the
 * backward chainer towards TARGET with the rules named by --rules (or the rule base given by
 * --rule-base), and prints the atoms it produced (forward) or the target's groundings
 * (backward), each with its truth value; with --trace, the inference trace follows as `;`
 * comments (or under "trace" in the JSON).
 */
export async function runReason(space: AtomSpace, options: ReasonCommandOptions, io: CliIo): Promise<void> {
  if ((options.rules === undefined) === (options.ruleBase === undefined)) {
    throw new UsageError('give either --rules NAME[,NAME...] or --rule-base ATOM');
  }
  if ((options.forward === undefined) === (options.backward === undefined)) {
    throw new UsageError('give either --forward SOURCE or --backward TARGET');
  }
  await loadKnowledgeBases(space, options.kb, io);
  const ruleBase = readRuleBase(space, options);
  const vardecl = options.vardecl === undefined ? undefined : readAtomArgument(space, options.vardecl, 'vardecl');
  const chainerOptions = {
    vardecl,
    maximumIterations: options.maxIterations,
    complexityPenalty: options.complexityPenalty,
    timeLimitMs: options.timeLimitMs,
    seed: options.seed,
    signal: io.signal,
  };
  const result: ChainerResult =
    options.forward !== undefined
      ? forwardChain(space, ruleBase, readAtomArgument(space, options.forward, 'source'), chainerOptions)
      : backwardChain(space, ruleBase, readAtomArgument(space, options.backward!, 'target'), chainerOptions);

  if (options.json) {
    const json = {
      direction: options.forward !== undefined ? 'forward' : 'backward',
      results: resultJson(result.results, space),
      iterations: result.iterations,
      stopReason: result.stopReason,
      complete: result.complete,
      ...(options.trace ? { trace: traceJson(result.trace.steps) } : {}),
    };
    io.stdout.write(`${JSON.stringify(json)}\n`);
  } else {
    printResults(io.stdout, result.results, space, options);
    if (options.trace) printTraceComments(io.stdout, result.trace.steps);
  }
  if (!result.complete) {
    io.stderr.write(`ai-opencog: note: stopped at --time-limit ${options.timeLimitMs} ms after ${result.iterations} iterations; there may be more results\n`);
  }
}

function readRuleBase(space: AtomSpace, options: ReasonCommandOptions): RuleBase {
  if (options.rules !== undefined) {
    checkRuleNames(space, options.rules);
    return loadPlnRuleBase(space, { rules: options.rules, name: RULES_BASE_NAME });
  }
  const given = readAtomArgument(space, options.ruleBase!, 'rule base');
  if (given.type.name !== 'ConceptNode') throw new InputError(`the rule base must be a ConceptNode, got ${given}`);
  const atom = space.get(given);
  if (atom === undefined || space.getIncoming(atom, 'MemberLink').length === 0) {
    throw new InputError(`${given} has no rules: attach them with (MemberLink (DefinedSchemaNode "NAME") ${given})`);
  }
  return loadRuleBase(space, atom);
}

/** A rule name that is neither a PLN rule nor defined by the files is a usage error. */
export function checkRuleNames(space: AtomSpace, names: readonly string[]): void {
  for (const name of names) {
    const alias = space.getNode('DefinedSchemaNode', name);
    const defined = alias !== undefined && space.getIncoming(alias, 'DefineLink').some((l) => l.outgoing[0] === alias);
    if (!defined && !plnRuleNames.includes(name)) {
      throw new UsageError(`unknown rule '${name}': the files do not define it and it is not a PLN rule (${plnRuleNames.join(', ')})`);
    }
  }
}

/** `a,b` and repeated options both give a list of rule names. */
function ruleNames(value: string, previous: string[] = []): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new InvalidArgumentError('rule names must not be empty.');
  return [...previous, ...names];
}

function finiteNumber(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n)) throw new InvalidArgumentError(`${what} must be an integer.`);
    return n;
  };
}

export function registerReasonCommand(program: Command, ctx: CommandContext): void {
  withCommonOptions(
    program
      .command('reason')
      .description('forward or backward chaining with the Unified Rule Engine (PLN rules or a rule base of the files)')
      .requiredOption('--kb <FILE>', 'an Atomese file to load first (repeatable)', collect)
      .option('--rules <NAME,...>', 'the rules to use: PLN rule names or rules the files define (repeatable)', ruleNames)
      .option('--rule-base <ATOM>', 'a rule base the files define, e.g. \'(ConceptNode "my-rules")\', or @FILE')
      .option('--forward <SOURCE>', 'forward chain from this atom (Atomese text or @FILE)')
      .option('--backward <TARGET>', 'backward chain towards this atom, which may hold variables (Atomese text or @FILE)')
      .option('--vardecl <VARDECL>', "the declaration of the target's (or source's) variables (Atomese text or @FILE)")
      .option('--max-iterations <N>', 'iterations of the chainer (default: the rule base\'s, else 100)', positiveInt('--max-iterations'))
      .option('--complexity-penalty <X>', 'penalty on complex inferences (default: the rule base\'s, else 0)', nonNegativeNumber('--complexity-penalty'))
      .option('--time-limit <MS>', 'stop after this many milliseconds and print what was found', positiveInt('--time-limit'))
      .option('--seed <N>', 'seed of the random choices (default 0)', finiteNumber('--seed'))
      .option('--trace', 'print the inference trace after the results', false)
      .option('--compact', 'print each result on one line', false),
  ).action(
    async (
      o: CommonOptions & {
        kb: string[];
        rules?: string[];
        ruleBase?: string;
        forward?: string;
        backward?: string;
        vardecl?: string;
        maxIterations?: number;
        complexityPenalty?: number;
        timeLimit?: number;
        seed?: number;
        trace: boolean;
        compact: boolean;
      },
    ) => {
      declareUserTypes(ctx, o);
      await runReason(ctx.space, { ...o, timeLimitMs: o.timeLimit }, ctx.io);
    },
  );
}
