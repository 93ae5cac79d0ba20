import { AtomSpaceError, type Atom, type AtomSpace } from '@ai-opencog/atomspace';
import { needsLocalQuote, type MinerTypes } from './miner-types';
import { constTerm, linkTerm, varTerm, type Pattern, type Term } from './pattern';

/** Name of variable k in the patterns the miner returns, as OpenCog's `gen-variables "$X"`. */
export const variableName = (k: number): string => `$X-${k + 1}`;

/**
 * Writes a pattern as OpenCog's miner does: `(LambdaLink VARDECL (PresentLink CLAUSE...))`, the
 * variable declaration being the variable alone or a VariableList in canonical order; AndLink,
 * OrLink and NotLink inside clauses are wrapped in LocalQuoteLink so that the pattern matcher
 * takes them literally.
 */
export function patternToAtom(pattern: Pattern, space: AtomSpace, mt: MinerTypes): Atom {
  const vars = Array.from({ length: pattern.varCount }, (_, k) => space.addNode(mt.variableNode, variableName(k)));
  const toAtom = (t: Term): Atom => {
    if (t.kind === 'var') return vars[t.index];
    if (t.kind === 'const') return copyStructure(t.atom, space);
    const link = space.addLink(t.type, t.args.map(toAtom));
    return needsLocalQuote(t.type, mt) ? space.addLink(mt.localQuote, [link]) : link;
  };
  const vardecl = vars.length === 1 ? vars[0] : space.addLink(mt.variableList, vars);
  return space.addLink(mt.lambda, [vardecl, space.addLink(mt.present, pattern.clauses.map(toAtom))]);
}

/** The atom rebuilt in `space` without its values. */
function copyStructure(atom: Atom, space: AtomSpace): Atom {
  return atom.type.isNode ? space.addNode(atom.type, atom.name) : space.addLink(atom.type, atom.outgoing.map((a) => copyStructure(a, space)));
}

/**
 * Reads a pattern given as a LambdaLink (with or without variable declaration) or as a bare body,
 * whose body is a PresentLink or AndLink of clauses or a single clause, as OpenCog's miner accepts
 * them. Constants are looked up in `space`, the space of the texts. Typed variables, globs and
 * QuoteLinks are not supported.
 */
export function patternFromAtom(atom: Atom, space: AtomSpace, mt: MinerTypes): Term[] {
  let body = atom;
  let declared: Atom[] | undefined;
  if (atom.type === mt.lambda) {
    if (atom.outgoing.length === 1) body = atom.outgoing[0];
    else if (atom.outgoing.length === 2) {
      declared = declaredVariables(atom.outgoing[0], mt);
      body = atom.outgoing[1];
    } else throw invalid(`a LambdaLink pattern has a variable declaration and a body, got ${atom.outgoing.length} atoms`);
  }
  const vars = new Map<Atom, number>();
  const isVar = (a: Atom) => a.type === mt.variableNode && (declared === undefined || declared.includes(a));
  const toTerm = (a: Atom): Term => {
    if (isVar(a)) {
      if (!vars.has(a)) vars.set(a, vars.size);
      return varTerm(vars.get(a)!);
    }
    if (a.type === mt.globNode || a.type === mt.quote) throw invalid(`${a.type.name} is not supported in patterns`);
    if (a.type === mt.localQuote) return toTerm(a.outgoing[0]);
    if (a.type.isNode || a.outgoing.length === 0) return constTerm(space.get(a) ?? a);
    return linkTerm(a.type, a.outgoing.map(toTerm));
  };
  const clauses = body.type === mt.present || body.type === mt.and ? body.outgoing : [body];
  return clauses.map(toTerm);
}

function declaredVariables(vardecl: Atom, mt: MinerTypes): Atom[] {
  if (vardecl.type === mt.variableNode) return [vardecl];
  if (vardecl.type === mt.variableList || vardecl.type === mt.variableSet) return vardecl.outgoing.flatMap((v) => declaredVariables(v, mt));
  if (vardecl.type === mt.typedVariable) throw invalid('typed variables are not supported in patterns');
  throw invalid(`a pattern's variable declaration must be a VariableNode, VariableList or VariableSet, got ${vardecl.type.name}`);
}

function invalid(message: string): AtomSpaceError {
  return new AtomSpaceError('INVALID_QUERY', `initial pattern: ${message}`);
}
