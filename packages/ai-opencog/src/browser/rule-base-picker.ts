import { QuickInputService, type QuickPickItem } from '@theia/core/lib/common/quick-pick-service';
import { inject, injectable } from '@theia/core/shared/inversify';
import { AiOpencogService, type RuleChoice } from '../common/ai-opencog-protocol';
import { PLN_RULE_GROUPS, PLN_RULE_NAMES } from '../common/pln-rule-names';

interface RuleItem extends QuickPickItem {
  choice?: RuleChoice;
  pickRules?: boolean;
}

/**
 * Asks which rules a chainer uses: a rule base the space defines (MemberLinks of
 * DefinedSchemaNodes to a ConceptNode), a group of PLN rules, or PLN rules picked one by one.
 */
@injectable()
export class RuleBasePicker {
  @inject(QuickInputService) protected readonly quickInput!: QuickInputService;
  @inject(AiOpencogService) protected readonly service!: AiOpencogService;

  async pick(space: string): Promise<RuleChoice | undefined> {
    const bases = await this.service.listRuleBases(space).catch(() => [] as string[]);
    const items: RuleItem[] = [
      ...bases.map((b) => ({ label: b, description: `rule base of space ${space}`, choice: { ruleBase: b } })),
      ...PLN_RULE_GROUPS.map((g) => ({ label: g.label, description: g.detail, choice: { rules: [...g.rules] } })),
      { label: 'PLN rules…', description: 'pick the rules one by one', pickRules: true },
    ];
    const picked = await this.quickInput.pick(items, { placeHolder: 'Rule base for the chainer', matchOnDescription: true });
    if (!picked) return undefined;
    if (!picked.pickRules) return picked.choice;
    const rules = await this.quickInput.pick(
      PLN_RULE_NAMES.map((r) => ({ label: r })),
      { placeHolder: 'PLN rules to use', canPickMany: true },
    );
    return rules && rules.length > 0 ? { rules: rules.map((r) => r.label) } : undefined;
  }
}
