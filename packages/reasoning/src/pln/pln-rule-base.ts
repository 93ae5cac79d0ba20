import { AtomSpaceError, parseAtomese, stv, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import type { FormulaRegistry } from '../ure/formula';
import { RuleBase } from '../ure/rule-base';
import { plnFormulas } from './formulas';
import { PLN_RULES } from './rules';

/** The names of the PLN rules this package ships, in catalogue order. */
export const plnRuleNames: readonly string[] = [...PLN_RULES.keys()];

/** The Atomese that defines a PLN rule: `(DefineLink (DefinedSchemaNode NAME) (BindLink ...))`. */
export function plnRuleDefinition(name: string): string {
  const spec = PLN_RULES.get(name);
  if (spec === undefined) throw unknownRule(name);
  return `(DefineLink (DefinedSchemaNode "${name}")\n${spec.bindLink})`;
}

export interface RuleBaseOptions {
  /** Formulas and predicates added to PLN's (and overriding them), for user-defined rules. */
  formulas?: FormulaRegistry;
}

export interface PlnRuleBaseOptions extends RuleBaseOptions {
  /**
   * The rules, by name: PLN rules (see {@link plnRuleNames}) or rules the space already defines
   * with a DefineLink. Default: every PLN rule.
   */
  rules?: readonly string[];
  /** The name of the rule base's ConceptNode (default `pln-rule-base`). */
  name?: string;
  /** Rule weights (MemberLink strengths) by rule name; 1 when not given. */
  weights?: Readonly<Record<string, number>>;
}

/**
 * Builds a rule base in `space`: defines the PLN rules it uses (unless the space defines them
 * already), attaches each rule with `(MemberLink (stv WEIGHT 1) (DefinedSchemaNode NAME)
 * (ConceptNode NAME-OF-BASE))`, and reads it back with PLN's formulas.
 */
export function loadPlnRuleBase(space: AtomSpace, options: PlnRuleBaseOptions = {}): RuleBase {
  const rbs = space.addNode('ConceptNode', options.name ?? 'pln-rule-base');
  for (const alias of definePlnRules(space, options.rules ?? plnRuleNames)) {
    space.addLink('MemberLink', [alias, rbs], stv(options.weights?.[alias.name] ?? 1, 1));
  }
  return loadRuleBase(space, rbs, options);
}

/**
 * The DefinedSchemaNodes of the named rules: those `space` defines already, and PLN rules, whose
 * definitions are added. An unknown name is an error listing the PLN rules.
 */
export function definePlnRules(space: AtomSpace, names: readonly string[]): Atom[] {
  const unknown = names.filter((n) => !PLN_RULES.has(n) && !isDefined(space, n));
  if (unknown.length > 0) throw unknownRule(unknown[0]);
  return names.map((name) => {
    if (!isDefined(space, name)) parseAtomese(space, plnRuleDefinition(name), { file: `<pln:${name}>` });
    return space.getNode('DefinedSchemaNode', name)!;
  });
}

/** Reads a rule base defined in `space` (its ConceptNode, or its name), with PLN's formulas available. */
export function loadRuleBase(space: AtomSpace, rbs: Atom | string, options: RuleBaseOptions = {}): RuleBase {
  const formulas = options.formulas ? plnFormulas().with(options.formulas) : plnFormulas();
  return RuleBase.load(space, rbs, formulas);
}

function isDefined(space: AtomSpace, name: string): boolean {
  const alias = space.getNode('DefinedSchemaNode', name);
  return alias !== undefined && space.getIncoming(alias, 'DefineLink').some((l) => l.outgoing[0] === alias);
}

function unknownRule(name: string): AtomSpaceError {
  return new AtomSpaceError('INVALID_QUERY', `unknown rule '${name}': it is neither defined in the atomspace nor a PLN rule (${plnRuleNames.join(', ')})`);
}
