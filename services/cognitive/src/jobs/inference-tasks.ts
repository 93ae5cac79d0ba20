import {
  AtomSpaceError,
  atomToJson,
  parseAtom,
  parseAtomese,
  truthValueToJson,
  writeAtom,
  type Atom,
  type AtomJson,
  type AtomSpace,
} from '@ai-opencog/atomspace';
import { AttentionBank, minePatterns, type SurprisingnessMeasure } from '@ai-opencog/learning';
import type {
  AttentionResult,
  ChainResult,
  InferenceStep as InferenceStepJson,
  MineResult,
  TruthValueJson,
} from '@ai-opencog/protocol';
import {
  backwardChain,
  definePlnRules,
  forwardChain,
  loadPlnRuleBase,
  loadRuleBase,
  plnRuleNames,
  type ChainerOptions,
  type ChainerResult,
  type InferenceStep,
  type RuleBase,
} from '@ai-opencog/reasoning';
import { ChangeRecorder, type AtomChange } from '../spaces/atom-changes';
import { findAtom } from '../spaces/atom-lookup';

/*
 * The reasoning, mining and attention jobs as functions of an AtomSpace: what each one returns
 * (the protocol's result) and the changes it made to the space. The service runs them in a
 * worker thread on a copy of the space (see inference-worker.ts) and applies the changes to the
 * space itself when the job succeeds.
 */

interface ChainerShape {
  ruleBase?: string;
  rules?: string[];
  vardecl?: string;
  maximumIterations?: number;
  complexityPenalty?: number;
  trace: boolean;
  timeLimitMs?: number;
  seed?: number;
}

export type InferenceTask =
  | { kind: 'forward-chain'; request: ChainerShape & { source: string; retryExhaustedSources?: boolean } }
  | { kind: 'backward-chain'; request: ChainerShape & { target: string; maximumBitSize?: number } }
  | {
      kind: 'mine';
      request: {
        minsup: number;
        texts?: string;
        initialPattern?: string;
        maximumConjuncts?: number;
        maximumVariables?: number;
        maximumPatterns?: number;
        surprisingness?: SurprisingnessMeasure;
        timeLimitMs?: number;
      };
    }
  | {
      kind: 'attention';
      /** Stimulated atoms by structure (resolved from handles, JSON or Atomese by the service). */
      request: { stimuli: { atom: AtomJson; stimulus: number }[]; cycles: number; seed?: number; focusSize: number };
    };

export type InferenceResult = ChainResult | MineResult | AttentionResult;

export interface TaskContext {
  signal?: AbortSignal;
  /** Reports progress: `done` of `total` units (0: unknown). */
  progress?: (done: number, total: number, message?: string) => void;
  /** Atoms (results, trace steps, patterns) a result lists at most. */
  maxResultItems: number;
}

export interface TaskOutput {
  result: InferenceResult;
  /** What the task changed in the space, to apply to the space the job was started on. */
  changes: AtomChange[];
}

/** The rule base made for a request that names rules only, or narrows a rule base to some of its rules. */
export const REQUEST_RULE_BASE = 'ai-opencog-request-rules';

export function runInferenceTask(space: AtomSpace, task: InferenceTask, ctx: TaskContext): TaskOutput {
  switch (task.kind) {
    case 'forward-chain':
    case 'backward-chain':
      return runChainer(space, task, ctx);
    case 'mine':
      return runMiner(space, task.request, ctx);
    case 'attention':
      return runAttention(space, task.request, ctx);
  }
}

// ---- chaining ----

function runChainer(space: AtomSpace, task: Extract<InferenceTask, { kind: 'forward-chain' | 'backward-chain' }>, ctx: TaskContext): TaskOutput {
  const r = task.request;
  // The rule base, the source or target and the declaration are read before recording starts:
  // the rules stay out of the space the job reports to, as the CLI's --rules do.
  const ruleBase = buildRuleBase(space, r.ruleBase, r.rules);
  const vardecl = r.vardecl === undefined ? undefined : parseAtom(space, r.vardecl, { file: 'vardecl' });
  const options: ChainerOptions = {
    ...(vardecl ? { vardecl } : {}),
    ...(r.maximumIterations !== undefined ? { maximumIterations: r.maximumIterations } : {}),
    ...(r.complexityPenalty !== undefined ? { complexityPenalty: r.complexityPenalty } : {}),
    ...(r.timeLimitMs !== undefined ? { timeLimitMs: r.timeLimitMs } : {}),
    ...(r.seed !== undefined ? { seed: r.seed } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (iteration, maximum) => ctx.progress?.(iteration - 1, Math.max(0, maximum), `iteration ${iteration}`),
  };
  let result: ChainerResult;
  let recorder: ChangeRecorder;
  if (task.kind === 'forward-chain') {
    const sources = parseAtomese(space, task.request.source, { file: 'source' }).filter(isAtom);
    if (sources.length === 0) throw new AtomSpaceError('INVALID_QUERY', 'the source holds no atom');
    recorder = new ChangeRecorder(space);
    const retry = task.request.retryExhaustedSources;
    result = forwardChain(space, ruleBase, sources.length === 1 ? sources[0] : sources, { ...options, ...(retry !== undefined ? { retryExhaustedSources: retry } : {}) });
  } else {
    const target = parseAtom(space, task.request.target, { file: 'target' });
    recorder = new ChangeRecorder(space);
    const bitSize = task.request.maximumBitSize;
    result = backwardChain(space, ruleBase, target, { ...options, ...(bitSize !== undefined ? { maximumBitSize: bitSize } : {}) });
  }
  const changes = recorder.take();
  recorder.dispose();
  const max = ctx.maxResultItems;
  const chain: ChainResult = {
    results: result.results.slice(0, max).map(({ atom, tv }) => ({
      atom: atomToJson(atom, { space }) as AtomJson,
      atomese: writeAtom(atom, { space, style: 'compact' }),
      tv: truthValueToJson(tv) as TruthValueJson,
    })),
    iterations: result.iterations,
    stopReason: result.stopReason,
    complete: result.complete,
    ...(r.trace ? { trace: result.trace.steps.slice(0, max).map(stepJson) } : {}),
  };
  return { result: chain, changes };
}

function stepJson(step: InferenceStep): InferenceStepJson {
  return {
    iteration: step.iteration,
    rule: step.rule,
    premises: step.premises.map((p) => atomToJson(p, { values: false }) as AtomJson),
    conclusion: atomToJson(step.conclusion, { values: false }) as AtomJson,
    tv: truthValueToJson(step.tv) as TruthValueJson,
  };
}

/**
 * The rule base of a request: `rules` alone are PLN rules or rules the space defines, in a rule
 * base made for the request (weights 1); `ruleBase` names a rule base the space defines (its
 * ConceptNode, MemberLinks with the weights, and its URE parameters), whose PLN rules need not be
 * defined in the space; both: that rule base narrowed to the named rules, weights and parameters
 * kept.
 */
export function buildRuleBase(space: AtomSpace, ruleBase: string | undefined, rules: readonly string[] | undefined): RuleBase {
  if (ruleBase === undefined) {
    if (rules === undefined) throw new AtomSpaceError('INVALID_QUERY', 'give a ruleBase, rules, or both');
    return loadPlnRuleBase(space, { rules, name: REQUEST_RULE_BASE });
  }
  const rbs = space.getNode('ConceptNode', ruleBase);
  const members = rbs === undefined ? [] : space.getIncoming(rbs, 'MemberLink').filter((l) => l.arity === 2 && l.outgoing[1] === rbs && l.outgoing[0].type.name === 'DefinedSchemaNode');
  if (rbs === undefined || members.length === 0) {
    throw new AtomSpaceError(
      'INVALID_QUERY',
      `the space has no rule base (ConceptNode "${ruleBase}"): attach its rules with (MemberLink (stv WEIGHT 1) (DefinedSchemaNode "RULE") (ConceptNode "${ruleBase}"))`,
    );
  }
  const names = members.map((m) => m.outgoing[0].name);
  definePlnRules(space, names.filter((n) => !isDefined(space, n) && plnRuleNames.includes(n)));
  if (rules === undefined) return loadRuleBase(space, rbs);
  const missing = rules.filter((n) => !names.includes(n));
  if (missing.length > 0) throw new AtomSpaceError('INVALID_QUERY', `rule base ${ruleBase} has no rule ${missing.join(', ')}`);
  const narrowed = space.addNode('ConceptNode', REQUEST_RULE_BASE);
  for (const m of members) if (rules.includes(m.outgoing[0].name)) space.addLink('MemberLink', [m.outgoing[0], narrowed], space.getTruthValue(m));
  for (const l of space.getIncoming(rbs, 'ExecutionLink')) {
    if (l.arity === 3 && l.outgoing[1] === rbs) space.addLink('ExecutionLink', [l.outgoing[0], narrowed, l.outgoing[2]], space.getTruthValue(l));
  }
  for (const l of space.getIncoming(rbs, 'EvaluationLink')) {
    if (l.arity === 2 && l.outgoing[1] === rbs) space.addLink('EvaluationLink', [l.outgoing[0], narrowed], space.getTruthValue(l));
  }
  return loadRuleBase(space, narrowed);
}

function isDefined(space: AtomSpace, name: string): boolean {
  const alias = space.getNode('DefinedSchemaNode', name);
  return alias !== undefined && space.getIncoming(alias, 'DefineLink').some((l) => l.outgoing[0] === alias);
}

const isAtom = (x: unknown): x is Atom => typeof x === 'object' && x !== null && (x as Atom).isAtom === true;

// ---- mining ----

function runMiner(space: AtomSpace, r: Extract<InferenceTask, { kind: 'mine' }>['request'], ctx: TaskContext): TaskOutput {
  let texts: Atom | Atom[] | undefined;
  if (r.texts !== undefined) {
    const t = parseAtom(space, r.texts, { file: 'texts' });
    texts = t.type.isNode ? t : [...t.outgoing];
  }
  const initialPattern = r.initialPattern === undefined ? undefined : parseAtom(space, r.initialPattern, { file: 'initialPattern' });
  const mined = minePatterns(space, {
    minSupport: r.minsup,
    ...(texts !== undefined ? { texts } : {}),
    ...(initialPattern ? { initialPattern } : {}),
    ...(r.maximumConjuncts !== undefined ? { maxConjuncts: r.maximumConjuncts } : {}),
    ...(r.maximumVariables !== undefined ? { maxVariables: r.maximumVariables } : {}),
    ...(r.surprisingness ? { surprisingness: r.surprisingness } : {}),
    ...(r.timeLimitMs !== undefined ? { timeLimitMs: r.timeLimitMs } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (p) => ctx.progress?.(p.patterns, 0, `${p.phase}: ${p.patterns} patterns`),
  });
  const limit = Math.min(r.maximumPatterns ?? ctx.maxResultItems, ctx.maxResultItems);
  const out = mined.space;
  const result: MineResult = {
    patterns: mined.patterns.slice(0, limit).map((p) => ({
      pattern: atomToJson(p.pattern, { space: out }) as AtomJson,
      atomese: writeAtom(p.pattern, { space: out, style: 'compact' }),
      support: p.support,
      ...(p.surprisingness !== undefined ? { surprisingness: p.surprisingness } : {}),
    })),
    complete: mined.complete,
  };
  // Mining leaves the space as it was (texts and patterns read for it are not reported).
  return { result, changes: [] };
}

// ---- attention ----

function runAttention(space: AtomSpace, r: Extract<InferenceTask, { kind: 'attention' }>['request'], ctx: TaskContext): TaskOutput {
  const stimuli = r.stimuli.map(({ atom, stimulus }) => {
    const found = findAtom(space, atom);
    if (found === undefined) throw new AtomSpaceError('NOT_IN_SPACE', `${JSON.stringify(atom)} is not in the space`);
    return { atom: found, stimulus };
  });
  const recorder = new ChangeRecorder(space);
  const bank = new AttentionBank(space, r.seed !== undefined ? { seed: r.seed } : {});
  let hebbianLinksCreated = 0;
  const stopCounting = space.subscribe((e) => {
    if (e.kind === 'add' && bank.isHebbian(e.atom)) hebbianLinksCreated++;
  });
  try {
    for (const { atom, stimulus } of stimuli) bank.stimulate(atom, stimulus);
    bank.runCycles(r.cycles, {
      ...(r.seed !== undefined ? { seed: r.seed } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: ({ cycle, cycles, focus }) => ctx.progress?.(cycle, cycles, `cycle ${cycle}: ${focus} atoms in focus`),
    });
  } finally {
    stopCounting();
    bank.close();
  }
  const focus = bank.attentionalFocus().slice(0, Math.min(r.focusSize, ctx.maxResultItems));
  const result: AttentionResult = {
    cycles: r.cycles,
    focus: focus.map((atom) => {
      const a = space.getAttentionValue(atom);
      return {
        atom: atomToJson(atom, { space }) as AtomJson,
        atomese: writeAtom(atom, { space, style: 'compact' }),
        av: { sti: a.sti, lti: a.lti, vlti: a.vlti },
      };
    }),
    hebbianLinksCreated,
  };
  const changes = recorder.take();
  recorder.dispose();
  return { result, changes };
}
