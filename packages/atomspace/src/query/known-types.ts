import type { AtomType } from '../types/atom-type';
import type { TypeRegistry } from '../types/type-registry';

/**
 * The atom types the pattern matcher gives a meaning to, resolved once per registry so that the
 * hot paths compare AtomType objects instead of names.
 */
export class KnownTypes {
  readonly variable: AtomType;
  readonly glob: AtomType;
  readonly variableList: AtomType;
  readonly variableSet: AtomType;
  readonly typedVariable: AtomType;
  readonly typeNode: AtomType;
  readonly typeInh: AtomType;
  readonly typeCoInh: AtomType;
  readonly typeChoice: AtomType;
  readonly typeSet: AtomType;
  readonly signature: AtomType;
  readonly interval: AtomType;
  readonly number: AtomType;
  readonly list: AtomType;
  readonly set: AtomType;
  readonly and: AtomType;
  readonly or: AtomType;
  readonly not: AtomType;
  readonly sequentialAnd: AtomType;
  readonly sequentialOr: AtomType;
  readonly present: AtomType;
  readonly absent: AtomType;
  readonly choice: AtomType;
  readonly always: AtomType;
  readonly quote: AtomType;
  readonly unquote: AtomType;
  readonly localQuote: AtomType;
  readonly trueLink: AtomType;
  readonly falseLink: AtomType;
  readonly equal: AtomType;
  readonly identical: AtomType;
  readonly alphaEqual: AtomType;
  readonly greaterThan: AtomType;
  readonly virtualLink: AtomType;
  readonly evaluation: AtomType;
  readonly groundedPredicate: AtomType;
  readonly groundedSchema: AtomType;
  readonly executionOutput: AtomType;
  readonly put: AtomType;
  readonly lambda: AtomType;
  readonly scope: AtomType;
  readonly plus: AtomType;
  readonly minus: AtomType;
  readonly times: AtomType;
  readonly divide: AtomType;
  readonly patternLink: AtomType;
  readonly get: AtomType;
  readonly meet: AtomType;
  readonly bind: AtomType;
  readonly query: AtomType;
  readonly satisfaction: AtomType;

  constructor(readonly registry: TypeRegistry) {
    const t = (name: string) => registry.get(name);
    this.variable = t('VariableNode');
    this.glob = t('GlobNode');
    this.variableList = t('VariableList');
    this.variableSet = t('VariableSet');
    this.typedVariable = t('TypedVariableLink');
    this.typeNode = t('TypeNode');
    this.typeInh = t('TypeInhNode');
    this.typeCoInh = t('TypeCoInhNode');
    this.typeChoice = t('TypeChoice');
    this.typeSet = t('TypeSetLink');
    this.signature = t('SignatureLink');
    this.interval = t('IntervalLink');
    this.number = t('NumberNode');
    this.list = t('ListLink');
    this.set = t('SetLink');
    this.and = t('AndLink');
    this.or = t('OrLink');
    this.not = t('NotLink');
    this.sequentialAnd = t('SequentialAndLink');
    this.sequentialOr = t('SequentialOrLink');
    this.present = t('PresentLink');
    this.absent = t('AbsentLink');
    this.choice = t('ChoiceLink');
    this.always = t('AlwaysLink');
    this.quote = t('QuoteLink');
    this.unquote = t('UnquoteLink');
    this.localQuote = t('LocalQuoteLink');
    this.trueLink = t('TrueLink');
    this.falseLink = t('FalseLink');
    this.equal = t('EqualLink');
    this.identical = t('IdenticalLink');
    this.alphaEqual = t('AlphaEqualLink');
    this.greaterThan = t('GreaterThanLink');
    this.virtualLink = t('VirtualLink');
    this.evaluation = t('EvaluationLink');
    this.groundedPredicate = t('GroundedPredicateNode');
    this.groundedSchema = t('GroundedSchemaNode');
    this.executionOutput = t('ExecutionOutputLink');
    this.put = t('PutLink');
    this.lambda = t('LambdaLink');
    this.scope = t('ScopeLink');
    this.plus = t('PlusLink');
    this.minus = t('MinusLink');
    this.times = t('TimesLink');
    this.divide = t('DivideLink');
    this.patternLink = t('PatternLink');
    this.get = t('GetLink');
    this.meet = t('MeetLink');
    this.bind = t('BindLink');
    this.query = t('QueryLink');
    this.satisfaction = t('SatisfactionLink');
  }

  isVariableType(t: AtomType): boolean {
    return t === this.variable || t === this.glob;
  }

  /** The forms a variable declaration can take. */
  isDeclarationType(t: AtomType): boolean {
    return (
      t === this.variable || t === this.glob || t === this.typedVariable || t === this.variableList || t === this.variableSet
    );
  }

  isArithmetic(t: AtomType): boolean {
    return t.isA(this.plus) || t.isA(this.times);
  }

  /** Links that compute a new atom when executed (outside quotation). */
  isExecutable(t: AtomType): boolean {
    return this.isArithmetic(t) || t === this.executionOutput || t.isA(this.put) || t.isA(this.patternLink);
  }

  /** Links whose truth value is computed rather than looked up: logic and comparisons. */
  isLogical(t: AtomType): boolean {
    return (
      t === this.and || t === this.or || t === this.not || t === this.sequentialAnd || t === this.sequentialOr ||
      t === this.trueLink || t === this.falseLink || t === this.present || t === this.absent || t.isA(this.virtualLink)
    );
  }
}

const byRegistry = new WeakMap<TypeRegistry, KnownTypes>();

export function knownTypes(registry: TypeRegistry): KnownTypes {
  let kt = byRegistry.get(registry);
  if (kt === undefined) {
    kt = new KnownTypes(registry);
    byRegistry.set(registry, kt);
  }
  return kt;
}
