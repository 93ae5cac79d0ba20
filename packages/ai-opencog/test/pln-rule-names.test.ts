import { plnRuleNames } from '@ai-opencog/reasoning';
import { PLN_RULE_GROUPS, PLN_RULE_NAMES } from '../src/common/pln-rule-names';

describe('PLN rule names offered by the IDE', () => {
  it('are the reasoning package\'s catalogue', () => {
    expect([...PLN_RULE_NAMES]).toEqual([...plnRuleNames]);
  });

  it('groups only rules that exist', () => {
    for (const g of PLN_RULE_GROUPS) for (const r of g.rules) expect(plnRuleNames).toContain(r);
  });
});
