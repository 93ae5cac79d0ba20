import type { AtomJson } from '@ai-opencog/protocol';
import { atomKey, atomText } from './atom-format';

/*
 * "Query around an atom": a GetLink that finds what stands in the same place. For a link, its
 * first member becomes a variable — `(Inheritance cat mammal)` asks what else inherits from mammal.
 * For a node, the commonest way links hold it (type, arity, position) becomes the pattern with
 * variables in the other places — `cat` in `(Inheritance cat X)` asks what cat inherits from.
 */

function variable(i: number, count: number): string {
  return count === 1 ? '(VariableNode "$x")' : `(VariableNode "$x${i + 1}")`;
}

function declaration(count: number): string {
  if (count === 1) return variable(0, 1);
  return `(VariableList ${Array.from({ length: count }, (_, i) => variable(i, count)).join(' ')})`;
}

export function queryAroundAtom(atom: AtomJson, incoming: readonly AtomJson[]): string | undefined {
  if (atom.outgoing !== undefined) {
    if (atom.outgoing.length === 0) return undefined;
    const members = atom.outgoing.map((m, i) => (i === 0 ? variable(0, 1) : atomText(m)));
    return `(GetLink ${declaration(1)} (${atom.type} ${members.join(' ')}))`;
  }
  const key = atomKey(atom);
  const shapes = new Map<string, { type: string; arity: number; position: number; count: number }>();
  for (const link of incoming) {
    const members = link.outgoing ?? [];
    const position = members.findIndex((m) => atomKey(m) === key);
    if (position < 0) continue;
    const id = `${link.type}/${members.length}/${position}`;
    const shape = shapes.get(id);
    if (shape) shape.count++;
    else shapes.set(id, { type: link.type, arity: members.length, position, count: 1 });
  }
  const best = [...shapes.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))[0];
  if (!best) return undefined;
  const others = best.arity - 1;
  if (others === 0) return `(SatisfactionLink (${best.type} ${atomText(atom)}))`;
  let v = 0;
  const members = Array.from({ length: best.arity }, (_, i) => (i === best.position ? atomText(atom) : variable(v++, others)));
  return `(GetLink ${declaration(others)} (${best.type} ${members.join(' ')}))`;
}
