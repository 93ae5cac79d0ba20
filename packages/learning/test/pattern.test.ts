import { AtomSpace } from '@ai-opencog/atomspace';
import { canonicalize, linkTerm, varTerm } from '../src/miner/pattern';
import { keyOf } from './miner-helpers';

describe('canonical patterns', () => {
  it('alpha-equivalent patterns have one key, whatever the variable names and clause order', () => {
    const a = keyOf('(Lambda (VariableList (Variable "$A") (Variable "$B") (Variable "$C")) (Present (Inheritance (Variable "$A") (Variable "$B")) (Inheritance (Variable "$B") (Variable "$C"))))');
    const b = keyOf('(Lambda (VariableList (Variable "$z") (Variable "$y") (Variable "$x")) (Present (Inheritance (Variable "$y") (Variable "$x")) (Inheritance (Variable "$z") (Variable "$y"))))');
    expect(a).toBe(b);
    // The same clauses written with AndLink, as OpenCog's older miner did.
    expect(keyOf('(Lambda (VariableList (Variable "$A") (Variable "$B") (Variable "$C")) (And (Inheritance (Variable "$B") (Variable "$C")) (Inheritance (Variable "$A") (Variable "$B"))))')).toBe(a);
  });

  it('patterns that differ in how variables are shared have different keys', () => {
    const chain = keyOf('(Lambda (VariableList (Variable "$X") (Variable "$Y") (Variable "$Z")) (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$Y") (Variable "$Z"))))');
    const fork = keyOf('(Lambda (VariableList (Variable "$X") (Variable "$Y") (Variable "$Z")) (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$X") (Variable "$Z"))))');
    const join = keyOf('(Lambda (VariableList (Variable "$X") (Variable "$Y") (Variable "$Z")) (Present (Inheritance (Variable "$X") (Variable "$Y")) (Inheritance (Variable "$Z") (Variable "$Y"))))');
    expect(new Set([chain, fork, join]).size).toBe(3);
  });

  it('numbers variables by first occurrence and says where each came from', () => {
    const inh = new AtomSpace().types.get('InheritanceLink');
    const { pattern, order } = canonicalize([linkTerm(inh, [varTerm(7), varTerm(3)])]);
    expect(pattern.varCount).toBe(2);
    expect(pattern.clauses).toEqual([linkTerm(inh, [varTerm(0), varTerm(1)])]);
    expect(order).toEqual([7, 3]);
  });
});
