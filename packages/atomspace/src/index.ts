export { AtomSpaceError, type AtomSpaceErrorCode } from './errors';
export { AtomType } from './types/atom-type';
export { TypeRegistry, parseTypesScript, camelTypeName, type TypeDeclaration } from './types/type-registry';
export {
  TruthValue,
  SimpleTruthValue,
  CountTruthValue,
  stv,
  ctv,
  DEFAULT_TV,
  TRUE_TV,
  FALSE_TV,
  DEFAULT_K,
  confidenceToCount,
  countToConfidence,
  formatNumber,
} from './values/truth-value';
export { AttentionValue, av, DEFAULT_AV } from './values/attention-value';
export { FloatValue, StringValue, LinkValue, isAtomValue, valuesEqual, type Value } from './values/value';
export { Atom, compareAtoms } from './atoms/atom';
export {
  AtomSpace,
  defaultTypes,
  type AtomSpaceEvent,
  type AtomSpaceListener,
  type AtomSpaceOptions,
  type TypeRef,
} from './atoms/atomspace';
export { AtomeseError, type SourcePosition } from './atomese/atomese-error';
export { SExprParser, parseSExprs, type SExpr } from './atomese/sexpr-parser';
export {
  AtomeseReader,
  parseAtomese,
  parseAtom,
  loadAtomese,
  type ReadOptions,
  type LoadOptions,
  type LoadSummary,
  type ItemListener,
} from './atomese/reader';
export { writeAtom, writeValue, writeAtomSpace, rootAtoms, type WriteOptions } from './atomese/writer';
export { quoteSchemeString } from './atomese/scheme-string';
export {
  atomToJson,
  atomFromJson,
  valueToJson,
  valueFromJson,
  truthValueToJson,
  truthValueFromJson,
  type AtomJson,
  type ValueJson,
  type TruthValueJson,
  type AttentionValueJson,
  type AtomJsonOptions,
} from './codec/atom-json';
export * from './query';
export { SeededRandom } from './util/seeded-random';
