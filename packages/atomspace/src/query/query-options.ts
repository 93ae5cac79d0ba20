import type { Atom } from '../atoms/atom';
import type { AtomSpace } from '../atoms/atomspace';
import type { TruthValue } from '../values/truth-value';
import type { LinkValue } from '../values/value';

/** The code behind a GroundedSchemaNode: called by ExecutionOutputLink with its arguments. */
export type GroundedSchema = (space: AtomSpace, args: Atom[]) => Atom;

/** The code behind a GroundedPredicateNode: called by EvaluationLink with its arguments. */
export type GroundedPredicate = (space: AtomSpace, args: Atom[]) => TruthValue;

/** Grounded procedures by node name. An unregistered name is an EXECUTION_ERROR when called. */
export interface GroundedFunctions {
  schemas?: ReadonlyMap<string, GroundedSchema>;
  predicates?: ReadonlyMap<string, GroundedPredicate>;
}

export interface QueryOptions {
  /** When exceeded, the execution throws AtomSpaceError('QUERY_TIMEOUT'). */
  timeLimitMs?: number;
  /** Stop after this many distinct groundings; the result then has `complete: false`. */
  maxResults?: number;
  /** When aborted (before or during the execution), it throws AtomSpaceError('QUERY_ABORTED'). */
  signal?: AbortSignal;
  grounded?: GroundedFunctions;
  /**
   * Whether a query (or executed atom) that the space does not hold is added to it first, as
   * OpenCog does (default true). With false, a query held elsewhere (another AtomSpace, e.g. a
   * rule space) runs against `space` without being added: its constants stand for the equal
   * atoms of `space`, and a clause holding a constant that `space` lacks matches nothing. The
   * compiled pattern is cached on the query atom either way. Results (a GetLink's SetLink, the
   * rewritten atoms) are still added to `space`.
   */
  addQuery?: boolean;
}

export type QueryResult =
  /** GetLink, BindLink: a SetLink of the results, added to the space. */
  | { kind: 'set'; atom: Atom; complete: boolean }
  /** MeetLink, QueryLink: the results in the order they were found. */
  | { kind: 'value'; value: LinkValue; complete: boolean }
  /** SatisfactionLink: TRUE_TV when the pattern has a grounding, else FALSE_TV. */
  | { kind: 'tv'; tv: TruthValue; complete: boolean };

/** All groundings of a pattern's body: `groundings[i][j]` grounds `variables[j]`. */
export interface Groundings {
  variables: Atom[];
  groundings: Atom[][];
  complete: boolean;
}
