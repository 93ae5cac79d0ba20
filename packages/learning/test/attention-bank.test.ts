import { AtomSpace, av, parseAtomese, stv, type Atom } from '@ai-opencog/atomspace';
import { AttentionBank, DEFAULT_ATTENTION_PARAMS, type AttentionParams } from '../src';

const PETS = `
  (Inheritance (Concept "cat") (Concept "mammal"))
  (Inheritance (Concept "dog") (Concept "mammal"))
  (Inheritance (Concept "mammal") (Concept "animal"))
  (Inheritance (Concept "cat") (Concept "pet"))
  (Concept "lonely")`;

function setup(params: Partial<AttentionParams> = {}, text = PETS) {
  const space = new AtomSpace();
  parseAtomese(space, text);
  const bank = new AttentionBank(space, params);
  const node = (name: string) => space.getNode('ConceptNode', name)!;
  const inh = (a: string, b: string) => space.getLink('InheritanceLink', [node(a), node(b)])!;
  const sti = (a: Atom) => space.getAttentionValue(a).sti;
  return { space, bank, node, inh, sti };
}

/** STI held by atoms plus the bank's STI funds: what the bank started with, whatever happens. */
function stiTotal(space: AtomSpace, bank: AttentionBank): number {
  let total = bank.stiFunds;
  for (const a of space.atoms()) total += space.getAttentionValue(a).sti;
  return total;
}

describe('AttentionBank: funds and stimulus', () => {
  it("has OpenCog's default parameters", () => {
    expect(DEFAULT_ATTENTION_PARAMS).toMatchObject({
      startingFundsSTI: 100000,
      targetSTI: 10000,
      stiFundsBuffer: 10000,
      stiAtomWage: 10,
      stiAtomRent: 1,
      maxAFSize: 1000,
      maxSpreadPercentage: 0.4,
      hebbianMaxAllocationPercentage: 0.05,
      maxLinks: 300,
      localToFarLinks: 10,
    });
  });

  it('pays a stimulus in STI and LTI wages from the funds (twice the wage while funds exceed target by a buffer)', () => {
    const { bank, node, space } = setup();
    expect(bank.stimulate(node('cat'), 5).toString()).toBe('(av 100 100 0)');
    expect(space.getAttentionValue(node('cat')).toString()).toBe('(av 100 100 0)');
    expect(bank.stiFunds).toBe(99900);
    expect(bank.ltiFunds).toBe(99900);
  });

  it('lowers the wage as the funds fall towards the target and below it', () => {
    // Funds at target: the plain wage, 10 per unit.
    const atTarget = setup({ startingFundsSTI: 10000, startingFundsLTI: 10000 });
    expect(atTarget.bank.stimulate(atTarget.node('cat'), 3).toString()).toBe('(av 30 30 0)');
    // Half a buffer below target: half the wage.
    const below = setup({ startingFundsSTI: 5000 });
    expect(below.bank.stimulate(below.node('cat'), 2).sti).toBe(10);
    // A buffer or more below: nothing.
    const broke = setup({ startingFundsSTI: 0 });
    expect(broke.bank.stimulate(broke.node('cat'), 2).sti).toBe(0);
  });

  it('counts attention values already in the space against the funds, and follows later changes', () => {
    const space = new AtomSpace();
    parseAtomese(space, '(Concept "a" (av 300 40 0)) (Concept "b")');
    const bank = new AttentionBank(space);
    expect(bank.stiFunds).toBe(100000 - 300);
    expect(bank.ltiFunds).toBe(100000 - 40);
    space.setAttentionValue(space.getNode('ConceptNode', 'b')!, av(50, 0, 0));
    expect(bank.stiFunds).toBe(100000 - 350);
    bank.close();
    space.setAttentionValue(space.getNode('ConceptNode', 'b')!, av(0, 0, 0));
    expect(bank.stiFunds).toBe(100000 - 350);
  });

  it('rejects a non-finite stimulus and bad parameters', () => {
    const { bank, node } = setup();
    expect(() => bank.stimulate(node('cat'), NaN)).toThrow(/finite/);
    expect(() => setup({ maxSpreadPercentage: 1.5 })).toThrow(/maxSpreadPercentage must be between 0 and 1/);
    expect(() => setup({ maxAFSize: 0 })).toThrow(/maxAFSize must be a positive integer/);
    expect(() => bank.runCycles(-1)).toThrow(/non-negative integer/);
  });
});

describe('AttentionBank: attentional focus', () => {
  it('holds the atoms with STI above the boundary, highest first, at most maxAFSize', () => {
    const { bank, node, space } = setup({ maxAFSize: 2 });
    expect(bank.attentionalFocus()).toEqual([]);
    bank.stimulate(node('cat'), 1);
    bank.stimulate(node('dog'), 3);
    bank.stimulate(node('pet'), 2);
    expect(bank.attentionalFocus()).toEqual([node('dog'), node('pet')]);
    space.setAttentionValue(node('pet'), av(-5, 0, 0));
    expect(bank.attentionalFocus()).toEqual([node('dog'), node('cat')]);
  });

  it('afBoundary keeps out atoms whose STI is not above it', () => {
    const { bank, node } = setup({ afBoundary: 50 });
    bank.stimulate(node('cat'), 2); // 40
    bank.stimulate(node('dog'), 3); // 60
    expect(bank.attentionalFocus()).toEqual([node('dog')]);
  });
});

describe('AttentionBank: ECAN cycles', () => {
  it('diffuses a share of a focused atom to its incident atoms, equally', () => {
    const { bank, node, inh, sti } = setup();
    bank.stimulate(node('cat'), 5); // STI 100
    bank.runCycles(1);
    // 40% of 100 goes to the two links holding cat (no Hebbian links yet, funds above target: no rent).
    expect(sti(node('cat'))).toBe(60);
    expect(sti(inh('cat', 'mammal'))).toBe(20);
    expect(sti(inh('cat', 'pet'))).toBe(20);
    expect(sti(node('mammal'))).toBe(0);
    expect(sti(node('dog'))).toBe(0);
    // Then the links pass some on to the atoms they hold.
    bank.runCycles(1);
    expect(sti(node('mammal'))).toBeGreaterThan(0);
    expect(sti(node('pet'))).toBeGreaterThan(0);
    expect(sti(node('lonely'))).toBe(0);
  });

  it('keeps the total STI (atoms and funds) constant through diffusion, rent and Hebbian learning', () => {
    const { bank, node, space } = setup({ targetSTI: 105000 });
    bank.stimulate(node('cat'), 10);
    bank.stimulate(node('dog'), 10);
    for (let i = 0; i < 15; i++) {
      bank.runCycles(1);
      expect(stiTotal(space, bank)).toBeCloseTo(100000, 6);
    }
  });

  it('collects rent while funds are below target, so an isolated atom decays and leaves the focus', () => {
    // Funds 100000, target 105000, buffer 10000: wage 10 * (1 - 0.5) = 5 per unit.
    const { bank, node, sti } = setup({ targetSTI: 105000 });
    bank.stimulate(node('lonely'), 4);
    expect(sti(node('lonely'))).toBe(20);
    // Rent = 1 * (1 + (105000 - funds) / 10000); no neighbours, so no diffusion.
    let expected = 20;
    for (let i = 0; i < 3; i++) {
      expected -= 1 + (105000 - bank.stiFunds) / 10000;
      bank.runCycles(1);
      expect(sti(node('lonely'))).toBeCloseTo(expected, 10);
    }
    expect(sti(node('lonely'))).toBeCloseTo(20 - 1.502 - 1.5018498 - 1.50169961502, 8);
    bank.runCycles(20);
    expect(sti(node('lonely'))).toBe(0);
    expect(bank.attentionalFocus()).toEqual([]);
  });

  it('collects no STI rent while the funds are at or above target', () => {
    const { bank, node, sti } = setup();
    bank.stimulate(node('lonely'), 2);
    bank.runCycles(10);
    expect(sti(node('lonely'))).toBe(40);
  });

  it('links atoms that are in the focus together with Hebbian links both ways (stv 0.5 0.1, VLTI 1)', () => {
    const { bank, node, space } = setup({ maxSpreadPercentage: 0 });
    bank.stimulate(node('cat'), 5);
    bank.stimulate(node('lonely'), 5);
    expect(space.getAtomsByType('AsymmetricHebbianLink')).toEqual([]);
    bank.runCycles(1);
    const there = bank.hebbianLink(node('cat'), node('lonely'))!;
    const back = bank.hebbianLink(node('lonely'), node('cat'))!;
    expect(there).toBeDefined();
    expect(back).toBeDefined();
    expect(space.getAttentionValue(there).vlti).toBe(1);
    // Created at strength 0.5; both ends hold the top STI, so the update moves it towards 1.
    expect(space.getTruthValue(there).strength).toBeCloseTo(0.1 * 1 + 0.9 * 0.5, 12);
    expect(space.getTruthValue(there).confidence).toBe(0.1);
    expect(bank.hebbianLink(node('cat'), node('dog'))).toBeUndefined();
  });

  it('links a new atom of the focus to atoms outside it too, and prunes its links beyond maxLinks', () => {
    const text = Array.from({ length: 8 }, (_, i) => `(Concept "n${i}")`).join(' ');
    const run = (params: Partial<AttentionParams>) => {
      const { bank, node, space } = setup({ maxAFSize: 3, localToFarLinks: 1, maxSpreadPercentage: 0, ...params }, text);
      for (let i = 0; i < 6; i++) bank.stimulate(node(`n${i}`), 10 - i); // focus n0 n1 n2; n3 n4 n5 outside
      bank.runCycles(1);
      const links = space.getIncoming(node('n0')).filter((l) => bank.isHebbian(l));
      return { bank, node, links };
    };
    // n0 (first in) gets 2 links into the focus, so round(2 / 1) = 2 more out of it.
    const { bank, node, links } = run({});
    const targets = bank.hebbianTargets(node('n0')).map((t) => t.target.name).sort();
    expect(targets.filter((n) => ['n1', 'n2'].includes(n))).toEqual(['n1', 'n2']);
    expect(targets.filter((n) => ['n3', 'n4', 'n5'].includes(n))).toHaveLength(2);
    expect(links).toHaveLength(6);
    // With maxLinks 4, random ones go until it has 3.
    expect(run({ maxLinks: 4 }).links).toHaveLength(3);
  });

  it('weakens a Hebbian link whose target loses its importance', () => {
    const { bank, node, space } = setup({ maxSpreadPercentage: 0 });
    bank.stimulate(node('cat'), 5);
    bank.stimulate(node('lonely'), 5);
    bank.runCycles(1);
    const link = bank.hebbianLink(node('cat'), node('lonely'))!;
    const before = space.getTruthValue(link).strength;
    space.setAttentionValue(node('lonely'), av(0, 0, 0));
    bank.runCycles(1);
    // Source normalised to 1, target to 0: target conjunction (0 - 1 + 1) / 2 = 0.
    expect(space.getTruthValue(link).strength).toBeCloseTo(0.9 * before, 12);
  });

  it('diffuses along Hebbian links too, in proportion to their strength and confidence', () => {
    const { bank, node, sti, space } = setup({ hebbianMaxAllocationPercentage: 1, maxSpreadPercentage: 0.5 });
    // lonely has no incident atoms: all it diffuses goes along its one Hebbian link.
    space.addLink('AsymmetricHebbianLink', [node('lonely'), node('dog')], stv(0.8, 0.5));
    bank.stimulate(node('lonely'), 5); // 100, diffuses round(50)
    bank.runCycles(1);
    // Share: 1 / 1 (hebbian allocation over 1 link) * 1 / 1 * 0.8 * 0.5 = 0.4 of 50.
    expect(sti(node('dog'))).toBeCloseTo(20, 10);
  });

  it('stops on an aborted signal and reports each cycle', () => {
    const { bank, node } = setup();
    bank.stimulate(node('cat'), 5);
    const seen: number[] = [];
    bank.runCycles(3, { onProgress: (p) => seen.push(p.cycle) });
    expect(seen).toEqual([1, 2, 3]);
    const controller = new AbortController();
    controller.abort();
    expect(() => bank.runCycles(3, { signal: controller.signal })).toThrow(expect.objectContaining({ code: 'QUERY_ABORTED' }));
  });
});

describe('AttentionBank: determinism', () => {
  /** A run whose random choices matter: a focus of 2 and many atoms holding STI outside it. */
  function run(seed: number): string {
    const text = Array.from({ length: 30 }, (_, i) => `(Inheritance (Concept "n${i}") (Concept "n${(i * 7 + 3) % 30}"))`).join('\n');
    const { bank, space } = setup({ maxAFSize: 2, targetSTI: 105000 }, text);
    for (let i = 0; i < 30; i += 3) bank.stimulate(space.getNode('ConceptNode', `n${i}`)!, 1 + (i % 4));
    bank.runCycles(25, { seed });
    const state = [...space.atoms()].map((a) => `${a} ${space.getAttentionValue(a)} ${space.getTruthValue(a)}`);
    return state.sort().join('\n');
  }

  it('the same seed gives the same run; different seeds make different random choices', () => {
    expect(run(7)).toBe(run(7));
    const outcomes = new Set([1, 2, 3, 4, 5].map(run));
    expect(outcomes.size).toBeGreaterThan(1);
  });
});
