import type { AtomSpace } from '@ai-opencog/atomspace';
import { applyRule, definePlnRules, InferenceTrace, plnFormulas } from '@ai-opencog/reasoning';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { collect, declareUserTypes, withCommonOptions, type CommandContext, type CommonOptions } from '../command-context';
import { loadKnowledgeBases } from '../knowledge-base-loader';
import type { OutputOptions } from '../output-format';
import { checkRuleNames } from './reason-command';
import { printResults, printTraceComments, resultJson, traceJson } from './reasoning-output';

export interface ApplyCommandOptions extends OutputOptions {
  kb: string[];
  rules: string[];
  trace: boolean;
}

/**
 * `ai-opencog apply --kb FILE... --rule NAME...`: applies each rule once, in order, to every
 * grounding of its premises (later rules see what earlier ones concluded), and prints each rule's
 * conclusions with their truth values, under a `; RULE: N conclusions` comment.
 */
export async function runApply(space: AtomSpace, options: ApplyCommandOptions, io: CliIo): Promise<void> {
  await loadKnowledgeBases(space, options.kb, io);
  checkRuleNames(space, options.rules);
  const aliases = definePlnRules(space, options.rules);
  const formulas = plnFormulas();
  const trace = new InferenceTrace();
  const applications = aliases.map((alias) => applyRule(space, alias, { formulas, trace, signal: io.signal }));
  if (options.json) {
    const json = {
      applications: applications.map((a) => ({ rule: a.rule, conclusions: resultJson(a.conclusions, space) })),
      ...(options.trace ? { trace: traceJson(trace.steps) } : {}),
    };
    io.stdout.write(`${JSON.stringify(json)}\n`);
    return;
  }
  for (const a of applications) {
    io.stdout.write(`; ${a.rule}: ${a.conclusions.length} conclusion${a.conclusions.length === 1 ? '' : 's'}\n`);
    printResults(io.stdout, a.conclusions, space, options);
  }
  if (options.trace) printTraceComments(io.stdout, trace.steps);
}

export function registerApplyCommand(program: Command, ctx: CommandContext): void {
  withCommonOptions(
    program
      .command('apply')
      .description('apply rules once each, in order, to every grounding of their premises')
      .requiredOption('--kb <FILE>', 'an Atomese file to load first (repeatable)', collect)
      .requiredOption('--rule <NAME>', 'a PLN rule, or a rule the files define (repeatable, applied in order)', collect)
      .option('--trace', 'print every rule application after the conclusions', false)
      .option('--compact', 'print each conclusion on one line', false),
  ).action(async (o: CommonOptions & { kb: string[]; rule: string[]; trace: boolean; compact: boolean }) => {
    declareUserTypes(ctx, o);
    await runApply(ctx.space, { kb: o.kb, rules: o.rule, trace: o.trace, json: o.json, compact: o.compact }, ctx.io);
  });
}
