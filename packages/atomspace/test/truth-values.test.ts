import fc from 'fast-check';
import {
  AtomSpaceError,
  AttentionValue,
  CountTruthValue,
  DEFAULT_AV,
  DEFAULT_K,
  DEFAULT_TV,
  FALSE_TV,
  FloatValue,
  LinkValue,
  SimpleTruthValue,
  StringValue,
  TRUE_TV,
  av,
  confidenceToCount,
  countToConfidence,
  ctv,
  stv,
  valuesEqual,
} from '../src';
import { freshSpace, atomSpaceError } from './support/helpers';

describe('simple truth values', () => {
  it('holds strength and confidence', () => {
    const tv = stv(0.8, 0.9);
    expect(tv).toBeInstanceOf(SimpleTruthValue);
    expect(tv.strength).toBe(0.8);
    expect(tv.confidence).toBe(0.9);
    expect(tv.ctor).toBe('stv');
    expect(tv.kind).toBe('tv');
  });

  it('is (stv 1 0) by default, and only that is default', () => {
    expect(DEFAULT_TV.strength).toBe(1);
    expect(DEFAULT_TV.confidence).toBe(0);
    expect(DEFAULT_TV.isDefault()).toBe(true);
    expect(stv(1, 0)).toBe(DEFAULT_TV);
    expect(stv(1, 0.001).isDefault()).toBe(false);
    expect(stv(0.999, 0).isDefault()).toBe(false);
    expect(ctv(1, 0, 0).isDefault()).toBe(false);
    expect(TRUE_TV.isDefault()).toBe(false);
    expect(FALSE_TV.strength).toBe(0);
    expect(FALSE_TV.confidence).toBe(1);
  });

  it('accepts the bounds 0 and 1', () => {
    expect(stv(0, 0).strength).toBe(0);
    expect(stv(1, 1).confidence).toBe(1);
  });

  it.each([
    [-0.1, 0.5, 'strength'],
    [1.1, 0.5, 'strength'],
    [0.5, -1, 'confidence'],
    [0.5, 2, 'confidence'],
    [NaN, 0.5, 'strength'],
    [0.5, Infinity, 'confidence'],
  ])('refuses stv(%p, %p), naming the %s', (s, c, what) => {
    const e = atomSpaceError(() => stv(s, c));
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.message).toContain(what);
    expect(e.message).toContain('[0, 1]');
  });

  it('compares by value', () => {
    expect(stv(0.5, 0.5).equals(stv(0.5, 0.5))).toBe(true);
    expect(stv(0.5, 0.5).equals(stv(0.5, 0.6))).toBe(false);
    expect(stv(0.5, 0.5).equals(stv(0.6, 0.5))).toBe(false);
    expect(stv(0.5, 0.5).equals(ctv(0.5, 0.5, confidenceToCount(0.5)))).toBe(false);
  });

  it('turns confidence into an evidence count with K = 800, as OpenCog does', () => {
    expect(DEFAULT_K).toBe(800);
    expect(stv(0.5, 0.5).count).toBeCloseTo(800, 9);
    expect(stv(0.5, 0).count).toBe(0);
    expect(stv(0.5, 0.2).count).toBeCloseTo(200, 9);
    // c = 1 would be an infinite count: it is capped
    expect(Number.isFinite(stv(1, 1).count)).toBe(true);
    expect(stv(1, 1).count).toBeGreaterThan(1e9);
  });

  it('converts between count and confidence both ways', () => {
    expect(countToConfidence(800)).toBe(0.5);
    expect(countToConfidence(0)).toBe(0);
    expect(countToConfidence(100, 100)).toBe(0.5);
    expect(confidenceToCount(0.5, 100)).toBeCloseTo(100, 9);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999, noNaN: true }), (c) => {
        expect(countToConfidence(confidenceToCount(c))).toBeCloseTo(c, 9);
      }),
    );
  });

  it('prints as Atomese', () => {
    expect(stv(0.8, 0.9).toString()).toBe('(stv 0.8 0.9)');
    expect(stv(1, 1).toString()).toBe('(stv 1 1)');
    expect(stv(0, 0.25).toString()).toBe('(stv 0 0.25)');
    expect(ctv(0.5, 0.25, 12).toString()).toBe('(ctv 0.5 0.25 12)');
  });
});

describe('count truth values', () => {
  it('carries its count explicitly', () => {
    const tv = ctv(0.7, 0.3, 42);
    expect(tv).toBeInstanceOf(CountTruthValue);
    expect(tv.count).toBe(42);
    expect(tv.ctor).toBe('ctv');
    expect(tv.equals(ctv(0.7, 0.3, 42))).toBe(true);
    expect(tv.equals(ctv(0.7, 0.3, 43))).toBe(false);
  });

  it('refuses a negative or non-finite count and out-of-range numbers', () => {
    expect(atomSpaceError(() => ctv(0.5, 0.5, -1)).message).toContain('count');
    expect(atomSpaceError(() => ctv(0.5, 0.5, Infinity)).code).toBe('INVALID_VALUE');
    expect(atomSpaceError(() => ctv(1.5, 0.5, 1)).message).toContain('strength');
    expect(atomSpaceError(() => ctv(0.5, -0.5, 1)).message).toContain('confidence');
    expect(ctv(0.5, 0.5, 0).count).toBe(0);
  });
});

describe('merging truth values', () => {
  it('keeps the one with the higher confidence; a tie keeps the current one', () => {
    const weak = stv(0.9, 0.1);
    const strong = stv(0.2, 0.8);
    expect(weak.mergeHigherConfidence(strong)).toBe(strong);
    expect(strong.mergeHigherConfidence(weak)).toBe(strong);
    const tie = stv(0.4, 0.8);
    expect(strong.mergeHigherConfidence(tie)).toBe(strong);
    expect(tie.mergeHigherConfidence(strong)).toBe(tie);
  });

  it('revises by PLN: strengths weighted by counts, counts add', () => {
    // c = 0.5 is n = 800, c = 0.2 is n = 200
    const r = stv(1, 0.5).revise(stv(0, 0.2));
    expect(r.strength).toBeCloseTo(0.8, 12);
    expect(r.confidence).toBeCloseTo(1000 / 1800, 12);
    expect(r.ctor).toBe('stv');
  });

  it('revises two equal estimates to the same strength with more confidence', () => {
    const r = stv(0.3, 0.5).revise(stv(0.3, 0.5));
    expect(r.strength).toBeCloseTo(0.3, 12);
    expect(r.confidence).toBeCloseTo(1600 / 2400, 12);
  });

  it('averages strengths when neither has any evidence', () => {
    const r = stv(0.2, 0).revise(stv(0.6, 0));
    expect(r.strength).toBeCloseTo(0.4, 12);
    expect(r.confidence).toBe(0);
  });

  it('uses the K it is given', () => {
    const r = stv(1, 0.5).revise(stv(0, 0.5), 10);
    expect(r.strength).toBeCloseTo(0.5, 12);
    expect(r.confidence).toBeCloseTo(20 / 30, 12);
  });

  it('keeps the strength when counts are subnormal (no underflow to 0)', () => {
    const r = stv(1e-12, 0).revise(stv(1e-12, 5e-324));
    expect(r.strength).toBeCloseTo(1e-12, 20);
  });

  it('is symmetric, stays in range and never loses confidence', () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, unit, (s1, c1, s2, c2) => {
        const a = stv(s1, c1);
        const b = stv(s2, c2);
        const ab = a.revise(b);
        const ba = b.revise(a);
        expect(ab.strength).toBeCloseTo(ba.strength, 9);
        expect(ab.confidence).toBeCloseTo(ba.confidence, 9);
        expect(ab.strength).toBeGreaterThanOrEqual(Math.min(s1, s2) - 1e-12);
        expect(ab.strength).toBeLessThanOrEqual(Math.max(s1, s2) + 1e-12);
        expect(ab.confidence).toBeGreaterThanOrEqual(Math.max(c1, c2) - 1e-6);
        expect(ab.confidence).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('attention values', () => {
  it('holds sti, lti and vlti', () => {
    const a = av(10, -5, 1);
    expect(a).toBeInstanceOf(AttentionValue);
    expect([a.sti, a.lti, a.vlti]).toEqual([10, -5, 1]);
    expect(a.kind).toBe('av');
    expect(a.toString()).toBe('(av 10 -5 1)');
  });

  it('defaults vlti to 0 and shares the default (av 0 0 0)', () => {
    expect(av(3, 4).vlti).toBe(0);
    expect(av(0, 0, 0)).toBe(DEFAULT_AV);
    expect(av(0, 0)).toBe(DEFAULT_AV);
    expect(DEFAULT_AV.isDefault()).toBe(true);
    expect(av(0, 0, 1).isDefault()).toBe(false);
  });

  it('compares by value', () => {
    expect(av(1, 2, 3).equals(av(1, 2, 3))).toBe(true);
    expect(av(1, 2, 3).equals(av(1, 2, 4))).toBe(false);
  });

  it('refuses non-finite numbers, naming the field', () => {
    expect(atomSpaceError(() => av(NaN, 0)).message).toContain('sti');
    expect(atomSpaceError(() => av(0, Infinity)).message).toContain('lti');
    expect(atomSpaceError(() => av(0, 0, -Infinity)).message).toContain('vlti');
  });
});

describe('float, string and link values', () => {
  it('holds frozen copies of their items', () => {
    const items = [1, 2.5, -3];
    const f = new FloatValue(items);
    items.push(4);
    expect(f.items).toEqual([1, 2.5, -3]);
    expect(Object.isFrozen(f.items)).toBe(true);
    const s = new StringValue(['a', 'b']);
    expect(s.items).toEqual(['a', 'b']);
    expect(Object.isFrozen(s.items)).toBe(true);
  });

  it('refuses NaN and non-numbers in a FloatValue', () => {
    expect(atomSpaceError(() => new FloatValue([1, NaN])).code).toBe('INVALID_VALUE');
    expect(atomSpaceError(() => new FloatValue(['1' as unknown as number])).message).toContain('numbers');
  });

  it('compares structurally, atoms by identity', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    const b = space.addNode('Concept', 'b');
    expect(valuesEqual(new FloatValue([1, 2]), new FloatValue([1, 2]))).toBe(true);
    expect(valuesEqual(new FloatValue([1, 2]), new FloatValue([1, 2, 3]))).toBe(false);
    expect(valuesEqual(new FloatValue([1]), new StringValue(['1']))).toBe(false);
    expect(valuesEqual(new StringValue(['x']), new StringValue(['x']))).toBe(true);
    expect(valuesEqual(new StringValue(['x']), new StringValue(['y']))).toBe(false);
    expect(valuesEqual(stv(0.1, 0.2), stv(0.1, 0.2))).toBe(true);
    expect(valuesEqual(stv(0.1, 0.2), av(0.1, 0.2))).toBe(false);
    expect(valuesEqual(av(1, 2, 3), av(1, 2, 3))).toBe(true);
    expect(valuesEqual(new LinkValue([a, new FloatValue([1])]), new LinkValue([a, new FloatValue([1])]))).toBe(true);
    expect(valuesEqual(new LinkValue([a]), new LinkValue([b]))).toBe(false);
    expect(valuesEqual(new LinkValue([a]), new LinkValue([a, a]))).toBe(false);
    expect(valuesEqual(a, a)).toBe(true);
    expect(valuesEqual(a, b)).toBe(false);
    expect(valuesEqual(a, new LinkValue([a]))).toBe(false);
  });
});

describe('truth values on atoms', () => {
  it('starts every atom with the default TV and AV', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a');
    expect(space.getTruthValue(a)).toBe(DEFAULT_TV);
    expect(a.tv).toBe(DEFAULT_TV);
    expect(space.getAttentionValue(a)).toBe(DEFAULT_AV);
  });

  it('replaces the TV when an atom is added again with one, as cog-new-node does', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a', stv(0.9, 0.9));
    expect(space.addNode('Concept', 'a', stv(0.1, 0.2))).toBe(a);
    expect(space.getTruthValue(a)).toEqual(stv(0.1, 0.2));
    // a lower confidence still replaces: this is set, not merge
    space.addNode('Concept', 'a', stv(0.5, 0.01));
    expect(space.getTruthValue(a).equals(stv(0.5, 0.01))).toBe(true);
  });

  it('keeps the TV when an atom is added again without one', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a', stv(0.9, 0.9));
    space.addNode('Concept', 'a');
    expect(space.getTruthValue(a).equals(stv(0.9, 0.9))).toBe(true);
    const l = space.addLink('List', [a], ctv(0.5, 0.5, 3));
    space.addLink('List', [a]);
    expect(space.getTruthValue(l).equals(ctv(0.5, 0.5, 3))).toBe(true);
    space.addLink('List', [a], stv(0.2, 0.3));
    expect(space.getTruthValue(l).equals(stv(0.2, 0.3))).toBe(true);
  });

  it('resets to the default TV when the default is given explicitly', () => {
    const space = freshSpace();
    const a = space.addNode('Concept', 'a', stv(0.9, 0.9));
    space.addNode('Concept', 'a', DEFAULT_TV);
    expect(space.getTruthValue(a)).toBe(DEFAULT_TV);
  });
});
