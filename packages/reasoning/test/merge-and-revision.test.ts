import { AtomSpace, stv, TypeRegistry } from '@ai-opencog/atomspace';
import { FormulaRegistry, mergeTruthValue, reviseTruthValue, type Formula } from '../src';
import { atom } from './support';

describe('mergeTruthValue', () => {
  const current = stv(0.2, 0.6);

  it('set: the new TV replaces the old', () => {
    expect(mergeTruthValue('set', current, stv(0.9, 0.1)).equals(stv(0.9, 0.1))).toBe(true);
  });

  it('higher-confidence: the more confident wins, a tie keeps the old', () => {
    expect(mergeTruthValue('higher-confidence', current, stv(0.9, 0.1)).equals(current)).toBe(true);
    expect(mergeTruthValue('higher-confidence', current, stv(0.9, 0.7)).equals(stv(0.9, 0.7))).toBe(true);
    expect(mergeTruthValue('higher-confidence', current, stv(0.9, 0.6)).equals(current)).toBe(true);
  });

  it('revision: PLN-book revision, or the new TV over one without confidence', () => {
    // n1 = 800·0.5/0.5 = 800, n2 = 800: s = (0.8·800 + 0.4·800)/1600 = 0.6, c = 1600/(1600 + 800) = 2/3
    const r = mergeTruthValue('revision', stv(0.8, 0.5), stv(0.4, 0.5));
    expect(r.strength).toBeCloseTo(0.6, 12);
    expect(r.confidence).toBeCloseTo(2 / 3, 12);
    expect(mergeTruthValue('revision', stv(1, 0), stv(0.3, 0.4)).equals(stv(0.3, 0.4))).toBe(true);
  });
});

describe('reviseTruthValue', () => {
  it('weighs strengths by evidence counts and adds the counts', () => {
    const space = new AtomSpace({ types: new TypeRegistry() });
    const a = atom(space, '(ConceptNode "a" (stv 0.9 0.2))');
    // n1 = 800·0.2/0.8 = 200, n2 = 800·0.6/0.4 = 1200
    // s = (0.9·200 + 0.3·1200)/1400 = 540/1400 = 0.385714…, c = 1400/(1400 + 800) = 0.636363…
    const revised = reviseTruthValue(space, a, stv(0.3, 0.6));
    expect(revised.strength).toBeCloseTo(540 / 1400, 12);
    expect(revised.confidence).toBeCloseTo(1400 / 2200, 12);
    expect(space.getTruthValue(a).equals(revised)).toBe(true);
  });
});

describe('FormulaRegistry.grounded', () => {
  it('lets a rule BindLink run in the pattern matcher, merging as the formula says', () => {
    const double: Formula = {
      schema: 'scm: half',
      merge: 'higher-confidence',
      compute: (_c, [p], space) => stv(space.getTruthValue(p).strength / 2, space.getTruthValue(p).confidence),
    };
    const registry = new FormulaRegistry([double]);
    const space = new AtomSpace({ types: new TypeRegistry() });
    const p = atom(space, '(ConceptNode "p" (stv 0.8 0.5))');
    const c = atom(space, '(ConceptNode "c" (stv 0.1 0.9))');
    const schema = registry.grounded().schemas!.get('scm: half')!;
    expect(schema(space, [c, p])).toBe(c);
    expect(space.getTruthValue(c).equals(stv(0.1, 0.9))).toBe(true); // 0.5 < 0.9: kept
    const d = atom(space, '(ConceptNode "d")');
    schema(space, [d, p]);
    expect(space.getTruthValue(d).equals(stv(0.4, 0.5))).toBe(true);
  });
});
