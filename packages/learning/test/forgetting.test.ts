import { AtomSpace, av, parseAtomese } from '@ai-opencog/atomspace';
import { AttentionBank } from '../src';

const PETS = `
  (Inheritance (Concept "cat") (Concept "mammal"))
  (Inheritance (Concept "dog") (Concept "mammal"))
  (Inheritance (Concept "cat") (Concept "pet"))
  (Concept "lonely")`;

function setup() {
  const space = new AtomSpace();
  parseAtomese(space, PETS);
  const bank = new AttentionBank(space);
  const node = (name: string) => space.getNode('ConceptNode', name)!;
  const inh = (a: string, b: string) => space.getLink('InheritanceLink', [node(a), node(b)])!;
  const names = () => [...space.atoms()].map(String).sort();
  return { space, bank, node, inh, names };
}

describe('AttentionBank.forget', () => {
  it('removes atoms whose LTI is below the threshold, links before the atoms they hold', () => {
    const { bank, node, space, names } = setup();
    bank.stimulate(node('cat'), 5); // LTI 100
    const removed = bank.forget();
    expect(removed.map(String).sort()).toEqual(
      [
        '(ConceptNode "dog")',
        '(ConceptNode "lonely")',
        '(ConceptNode "mammal")',
        '(ConceptNode "pet")',
        '(InheritanceLink (ConceptNode "cat") (ConceptNode "mammal"))',
        '(InheritanceLink (ConceptNode "cat") (ConceptNode "pet"))',
        '(InheritanceLink (ConceptNode "dog") (ConceptNode "mammal"))',
      ].sort(),
    );
    expect(names()).toEqual(['(ConceptNode "cat")']);
    expect(removed.every((a) => !a.isAlive)).toBe(true);
    expect(space.getAttentionValue(node('cat')).lti).toBe(100);
  });

  it('compares LTI strictly below the threshold', () => {
    const { bank, node, space } = setup();
    space.setAttentionValue(node('lonely'), av(0, 10, 0));
    expect(bank.forget(10)).not.toContain(node('lonely'));
    expect(node('lonely').isAlive).toBe(true);
    expect(bank.forget(10.5).map(String)).toEqual(['(ConceptNode "lonely")']);
  });

  it('never removes an atom with VLTI above 0', () => {
    const { bank, node, space } = setup();
    space.setAttentionValue(node('lonely'), av(0, 0, 1));
    bank.forget(1000);
    expect(node('lonely').isAlive).toBe(true);
  });

  it('keeps an atom held by a link that stays, unless recursive, and then only if no holder has VLTI', () => {
    const { bank, node, inh, space, names } = setup();
    const [dog, mammal, link] = [node('dog'), node('mammal'), inh('dog', 'mammal')];
    space.setAttentionValue(link, av(0, 500, 0)); // the link stays
    bank.forget(100);
    expect(names()).toEqual([String(dog), String(link), String(mammal)].sort());
    space.setAttentionValue(link, av(0, 500, 1));
    expect(bank.forget(100, { recursive: true })).toEqual([]);
    space.setAttentionValue(link, av(0, 500, 0));
    expect(bank.forget(100, { recursive: true })).toEqual([dog, link, mammal]);
    expect(space.size).toBe(0);
  });

  it('removes the Hebbian links pointing at a forgotten atom, and returns its STI to the funds', () => {
    const { bank, node, space } = setup();
    space.addLink('AsymmetricHebbianLink', [node('cat'), node('lonely')]);
    space.setAttentionValue(node('cat'), av(0, 900, 0));
    space.setAttentionValue(node('lonely'), av(40, 0, 0));
    const funds = bank.stiFunds;
    const removed = bank.forget();
    expect(removed.map(String)).toContain('(ConceptNode "lonely")');
    expect(space.getAtomsByType('AsymmetricHebbianLink')).toEqual([]);
    expect(bank.stiFunds).toBe(funds + 40);
  });
});
