import { META_RULES } from './meta-rules';
import { PROPOSITIONAL_RULES } from './propositional-rules';
import type { PlnRuleSpec } from './rule-text';
import { TERM_RULES } from './term-rules';

export type { PlnRuleSpec } from './rule-text';

/** Every PLN rule this package defines, by name. */
export const PLN_RULES: ReadonlyMap<string, PlnRuleSpec> = new Map(
  [...TERM_RULES, ...PROPOSITIONAL_RULES, ...META_RULES].map((r) => [r.name, r]),
);
