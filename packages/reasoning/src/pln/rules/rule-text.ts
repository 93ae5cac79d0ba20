/** Helpers that write PLN rules as Atomese text, so that each family of rules is generated once. */

export const variable = (name: string): string => `(VariableNode "${name}")`;

export const typeSpec = (types: readonly string[]): string =>
  types.length === 1 ? `(TypeNode "${types[0]}")` : `(TypeChoice ${types.map((t) => `(TypeNode "${t}")`).join(' ')})`;

/** `(TypedVariableLink VAR TYPE)`, or the bare variable when `types` is empty. */
export const declare = (name: string, types: readonly string[] = []): string =>
  types.length === 0 ? variable(name) : `(TypedVariableLink ${variable(name)} ${typeSpec(types)})`;

export const link = (type: string, ...members: string[]): string => `(${type} ${members.join(' ')})`;

export const gtZeroConfidence = (atom: string): string => `(EvaluationLink (GroundedPredicateNode "scm: gt-zero-confidence") ${atom})`;

/**
 * A rule in the URE's form: `(BindLink VARDECL BODY (ExecutionOutputLink (GroundedSchemaNode
 * "scm: FORMULA") (ListLink CONCLUSION ARG...)))`.
 */
export function ruleText(vardecl: readonly string[], body: string, formula: string, conclusion: string, args: readonly string[]): string {
  return [
    '(BindLink',
    `  (VariableList ${vardecl.join(' ')})`,
    `  ${body}`,
    `  (ExecutionOutputLink (GroundedSchemaNode "scm: ${formula}")`,
    `    (ListLink ${[conclusion, ...args].join(' ')})))`,
  ].join('\n');
}

/** A rule of the catalogue: its name, what it infers, and its BindLink. */
export interface PlnRuleSpec {
  readonly name: string;
  /** The premises, informally (for documentation). */
  readonly premises: string;
  readonly conclusion: string;
  /** The GroundedSchemaNode of its formula. */
  readonly formula: string;
  readonly bindLink: string;
}
