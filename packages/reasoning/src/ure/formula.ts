import {
  AtomSpaceError,
  FALSE_TV,
  TRUE_TV,
  type Atom,
  type AtomSpace,
  type GroundedFunctions,
  type GroundedPredicate,
  type GroundedSchema,
  type TruthValue,
} from '@ai-opencog/atomspace';

/**
 * How a rule writes the truth value it computed onto its conclusion, as OpenCog's formulas do:
 * `set` replaces it (`cog-set-tv!`), `higher-confidence` keeps whichever of the old and new has
 * the higher confidence (`cog-merge-hi-conf-tv!`), `revision` merges both by PLN-book revision.
 */
export type MergePolicy = 'set' | 'higher-confidence' | 'revision';

/**
 * A truth-value formula: the code behind `(GroundedSchemaNode "scm: NAME")` in a rule's rewrite
 * `(ExecutionOutputLink (GroundedSchemaNode "scm: NAME") (ListLink CONCLUSION PREMISE...))`.
 */
export interface Formula {
  /** The GroundedSchemaNode name, e.g. `scm: deduction-formula`. */
  readonly schema: string;
  readonly merge: MergePolicy;
  /**
   * The conclusion's new truth value, computed from the premises (whose values are read through
   * `space`), or undefined when the premises do not allow a conclusion (inconsistent, or no
   * information): the rule then concludes nothing.
   */
  compute(conclusion: Atom, premises: readonly Atom[], space: AtomSpace): TruthValue | undefined;
}

export function mergeTruthValue(policy: MergePolicy, current: TruthValue, computed: TruthValue): TruthValue {
  switch (policy) {
    case 'set':
      return computed;
    case 'higher-confidence':
      return current.mergeHigherConfidence(computed);
    case 'revision':
      return current.confidence === 0 ? computed : current.revise(computed);
  }
}

/**
 * The formulas and precondition predicates rules may call, by GroundedSchemaNode /
 * GroundedPredicateNode name.
 */
export class FormulaRegistry {
  private readonly formulas = new Map<string, Formula>();
  private readonly predicates = new Map<string, GroundedPredicate>();

  constructor(formulas: Iterable<Formula> = [], predicates: Iterable<readonly [string, GroundedPredicate]> = []) {
    for (const f of formulas) this.register(f);
    for (const [name, p] of predicates) this.registerPredicate(name, p);
  }

  register(formula: Formula): this {
    this.formulas.set(formula.schema, formula);
    return this;
  }

  registerPredicate(name: string, predicate: GroundedPredicate): this {
    this.predicates.set(name, predicate);
    return this;
  }

  get(schema: string): Formula | undefined {
    return this.formulas.get(schema);
  }

  has(schema: string): boolean {
    return this.formulas.has(schema);
  }

  hasPredicate(name: string): boolean {
    return this.predicates.has(name);
  }

  /** A registry with the entries of both (those of `other` win). */
  with(other: FormulaRegistry): FormulaRegistry {
    const r = new FormulaRegistry(this.formulas.values(), this.predicates);
    for (const f of other.formulas.values()) r.register(f);
    for (const [n, p] of other.predicates) r.registerPredicate(n, p);
    return r;
  }

  /**
   * The formulas as the pattern matcher's grounded functions, so that a rule's BindLink can also be
   * executed directly (`executeQuery(space, rule, { grounded })`): each schema computes the TV,
   * merges it into the conclusion and returns the conclusion (unchanged when the formula concludes
   * nothing).
   */
  grounded(): GroundedFunctions {
    const schemas = new Map<string, GroundedSchema>();
    for (const f of this.formulas.values()) {
      schemas.set(f.schema, (space, args) => {
        const [conclusion, ...premises] = args;
        if (conclusion === undefined) throw new AtomSpaceError('EXECUTION_ERROR', `${f.schema} needs a conclusion`);
        const tv = f.compute(conclusion, premises, space);
        if (tv !== undefined) space.setTruthValue(conclusion, mergeTruthValue(f.merge, space.getTruthValue(conclusion), tv));
        return conclusion;
      });
    }
    return { schemas, predicates: this.predicates };
  }
}

/** A crisp predicate over the truth value of its single argument. */
export function truthPredicate(test: (tv: TruthValue) => boolean): GroundedPredicate {
  return (space, args) => (args.length === 1 && test(space.getTruthValue(args[0])) ? TRUE_TV : FALSE_TV);
}
