import { AtomSpaceError, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import type { FormulaRegistry } from './formula';
import { hasFreeVariable } from './variables';

/** The parameter names OpenCog's UREConfig reads (those this engine implements). */
export const URE_PARAMETERS = {
  maximumIterations: 'URE:maximum-iterations',
  complexityPenalty: 'URE:complexity-penalty',
  retryExhaustedSources: 'URE:FC:retry-exhausted-sources',
  maximumBitSize: 'URE:BC:maximum-bit-size',
} as const;

/** The settings of a rule base, with OpenCog's defaults. */
export interface UreConfig {
  /** Iterations before the chainer stops (100); negative: no limit. */
  maximumIterations: number;
  /** λ of the complexity factor exp(-λ × complexity) weighing sources and and-BITs (0). */
  complexityPenalty: number;
  /** Forward chainer: when every source is exhausted, start over instead of stopping (false). */
  retryExhaustedSources: boolean;
  /** Backward chainer: most and-BITs kept; unlikely ones are dropped beyond it (-1: no limit). */
  maximumBitSize: number;
}

export const DEFAULT_URE_CONFIG: Readonly<UreConfig> = {
  maximumIterations: 100,
  complexityPenalty: 0,
  retryExhaustedSources: false,
  maximumBitSize: -1,
};

/** A rule as the rule base declares it: `(MemberLink (stv WEIGHT c) (DefinedSchemaNode NAME) RBS)`. */
export interface RuleDefinition {
  readonly name: string;
  readonly alias: Atom;
  readonly weight: number;
  /** The BindLink its DefineLink gives. */
  readonly bindLink: Atom;
}

/**
 * A rule base read from an AtomSpace, as OpenCog's UREConfig reads it: a ConceptNode whose rules
 * are the DefinedSchemaNodes attached by MemberLinks (the MemberLink strength is the rule's
 * weight) and defined by DefineLinks to BindLinks, and whose parameters are
 * `(ExecutionLink (SchemaNode "URE:...") RBS (NumberNode N))`. Boolean parameters may also be
 * given OpenCog's way, `(EvaluationLink (stv 1 1) (PredicateNode "URE:FC:retry-exhausted-sources") RBS)`.
 */
export class RuleBase {
  private constructor(
    readonly atom: Atom,
    readonly rules: readonly RuleDefinition[],
    readonly config: Readonly<UreConfig>,
    /** The formulas and predicates its rules are run with. */
    readonly formulas: FormulaRegistry,
  ) {}

  /**
   * Reads the rule base `rbs` (an atom, or the name of its ConceptNode) of `space`. Every formula
   * and precondition predicate its rules call must be in `formulas`.
   */
  static load(space: AtomSpace, rbs: Atom | string, formulas: FormulaRegistry): RuleBase {
    const atom = typeof rbs === 'string' ? space.getNode('ConceptNode', rbs) : space.get(rbs);
    if (atom === undefined) {
      throw new AtomSpaceError('NOT_IN_SPACE', `rule base ${typeof rbs === 'string' ? `(ConceptNode "${rbs}")` : rbs} is not in the atomspace`);
    }
    const rules: RuleDefinition[] = [];
    for (const member of space.getIncoming(atom, 'MemberLink')) {
      const [alias, base] = member.outgoing;
      if (base !== atom || alias.type.name !== 'DefinedSchemaNode') continue;
      const bindLink = definitionOf(space, alias);
      checkCallables(alias.name, bindLink, formulas);
      rules.push({ name: alias.name, alias, weight: space.getTruthValue(member).strength, bindLink });
    }
    rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return new RuleBase(atom, rules, readConfig(space, atom), formulas);
  }

  get name(): string {
    return this.atom.name;
  }
}

/** The BindLink a DefinedSchemaNode is defined as. */
export function definitionOf(space: AtomSpace, alias: Atom): Atom {
  const define = space.getIncoming(alias, 'DefineLink').find((l) => l.outgoing[0] === alias);
  if (define === undefined) throw new AtomSpaceError('INVALID_QUERY', `rule ${alias.name} has no DefineLink`);
  const body = define.outgoing[1];
  if (body.type.name !== 'BindLink') {
    throw new AtomSpaceError('INVALID_QUERY', `rule ${alias.name} must be defined as a BindLink, got a ${body.type.name}`);
  }
  return body;
}

/** Fails early, naming the rule, when it calls a formula or predicate nobody implements. */
function checkCallables(rule: string, atom: Atom, formulas: FormulaRegistry): void {
  const walk = (a: Atom): void => {
    if (a.type.name === 'GroundedSchemaNode' && !formulas.has(a.name)) {
      throw new AtomSpaceError('INVALID_QUERY', `rule ${rule} calls the formula "${a.name}", which is not registered`);
    }
    if (a.type.name === 'GroundedPredicateNode' && !formulas.hasPredicate(a.name)) {
      throw new AtomSpaceError('INVALID_QUERY', `rule ${rule} calls the predicate "${a.name}", which is not registered`);
    }
    for (const c of a.outgoing) walk(c);
  };
  walk(atom);
}

function readConfig(space: AtomSpace, rbs: Atom): UreConfig {
  const number = (name: string): number | undefined => {
    const values = space
      .getIncoming(rbs, 'ExecutionLink')
      .filter((l) => l.arity === 3 && l.outgoing[1] === rbs && l.outgoing[0].type.name === 'SchemaNode' && l.outgoing[0].name === name)
      .map((l) => l.outgoing[2])
      .filter((v) => v.type.name === 'NumberNode' && !hasFreeVariable(v));
    if (values.length > 1) {
      throw new AtomSpaceError('INVALID_QUERY', `rule base ${rbs.name} sets ${name} ${values.length} times; it takes one value`);
    }
    return values.length === 1 ? Number(values[0].name) : undefined;
  };
  const flag = (name: string): boolean | undefined => {
    const n = number(name);
    if (n !== undefined) return n !== 0;
    const predicate = space.getNode('PredicateNode', name);
    const evaluation = predicate && space.getLink('EvaluationLink', [predicate, rbs]);
    return evaluation ? space.getTruthValue(evaluation).strength > 0.5 : undefined;
  };
  const d = DEFAULT_URE_CONFIG;
  return {
    maximumIterations: number(URE_PARAMETERS.maximumIterations) ?? d.maximumIterations,
    complexityPenalty: number(URE_PARAMETERS.complexityPenalty) ?? d.complexityPenalty,
    retryExhaustedSources: flag(URE_PARAMETERS.retryExhaustedSources) ?? d.retryExhaustedSources,
    maximumBitSize: number(URE_PARAMETERS.maximumBitSize) ?? d.maximumBitSize,
  };
}
