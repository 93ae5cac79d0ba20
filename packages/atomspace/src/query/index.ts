export { ExecutionLimits } from './limits';
export { executeQuery, findGroundings, executeAtom, evaluateAtom, instantiateAtom } from './execute';
export type {
  QueryOptions,
  QueryResult,
  Groundings,
  GroundedFunctions,
  GroundedSchema,
  GroundedPredicate,
} from './query-options';
