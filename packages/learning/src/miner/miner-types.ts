import type { AtomType, TypeRegistry } from '@ai-opencog/atomspace';

/** The atom types the miner treats specially, resolved once in the space's registry. */
export interface MinerTypes {
  lambda: AtomType;
  present: AtomType;
  and: AtomType;
  or: AtomType;
  not: AtomType;
  variableNode: AtomType;
  globNode: AtomType;
  variableList: AtomType;
  variableSet: AtomType;
  typedVariable: AtomType;
  localQuote: AtomType;
  quote: AtomType;
  member: AtomType;
  bind: AtomType;
  define: AtomType;
  evaluation: AtomType;
  groundedPredicate: AtomType;
  functionLink: AtomType;
  virtualLink: AtomType;
}

export function minerTypes(types: TypeRegistry): MinerTypes {
  const t = (name: string) => types.get(name);
  return {
    lambda: t('LambdaLink'),
    present: t('PresentLink'),
    and: t('AndLink'),
    or: t('OrLink'),
    not: t('NotLink'),
    variableNode: t('VariableNode'),
    globNode: t('GlobNode'),
    variableList: t('VariableList'),
    variableSet: t('VariableSet'),
    typedVariable: t('TypedVariableLink'),
    localQuote: t('LocalQuoteLink'),
    quote: t('QuoteLink'),
    member: t('MemberLink'),
    bind: t('BindLink'),
    define: t('DefineLink'),
    evaluation: t('EvaluationLink'),
    groundedPredicate: t('GroundedPredicateNode'),
    functionLink: t('FunctionLink'),
    virtualLink: t('VirtualLink'),
  };
}

/** Links whose bodies OpenCog's pattern matcher interprets; patterns must wrap them in LocalQuoteLink. */
export function needsLocalQuote(type: AtomType, mt: MinerTypes): boolean {
  return type === mt.and || type === mt.or || type === mt.not;
}
