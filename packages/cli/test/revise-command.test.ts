import { AtomSpace, atomFromJson, parseAtom, TypeRegistry } from '@ai-opencog/atomspace';
import { cli, fixture } from './cli-test-harness';

const FACTS = fixture('revise-facts.scm');

describe('ai-opencog revise', () => {
  it("merges the TV into the atom's by PLN revision and prints the atom", async () => {
    const r = await cli('revise', '--kb', FACTS, '(ConceptNode "rain-tomorrow")', '(stv 0.4 0.5)');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // counts 800·0.5/0.5 = 800 each: s = (0.8·800 + 0.4·800)/1600 = 0.6, c = 1600/2400 = 2/3
    const a = parseAtom(new AtomSpace({ types: new TypeRegistry() }), r.stdout);
    expect(a.toString()).toBe('(ConceptNode "rain-tomorrow")');
    expect(a.tv.strength).toBeCloseTo(0.6, 12);
    expect(a.tv.confidence).toBeCloseTo(2 / 3, 12);
  });

  it('gives an atom without confidence the new TV, and prints JSON', async () => {
    const r = await cli('revise', '--kb', FACTS, '--json', '(ConceptNode "snow")', '(stv 0.1 0.3)');
    expect(r.status).toBe(0);
    const a = atomFromJson(new AtomSpace({ types: new TypeRegistry() }), JSON.parse(r.stdout));
    expect(`${a.toString()} ${a.tv.toString()}`).toBe('(ConceptNode "snow") (stv 0.1 0.3)');
  });

  it('exits 1 when the second argument is not a truth value, with the position of a parse error', async () => {
    const notTv = await cli('revise', '--kb', FACTS, '(ConceptNode "x")', '(av 1 2 3)');
    expect(notTv.status).toBe(1);
    expect(notTv.stderr).toMatch(/the truth value must be one \(stv S C\) or \(ctv S C N\), got '\(av 1 2 3\)'/);
    const atomNotValue = await cli('revise', '--kb', FACTS, '(ConceptNode "x")', '(ConceptNode "y")');
    expect(atomNotValue.status).toBe(1);
    expect(atomNotValue.stderr).toMatch(/the truth value must be one \(stv S C\)/);
    const parse = await cli('revise', '--kb', FACTS, '(ConceptNode "x")', '(stv 2 0.5)');
    expect(parse.status).toBe(1);
    expect(parse.stderr).toMatch(/^<truth value>:1:\d+: error: /);
  });

  it('exits 2 on a missing argument', async () => {
    const r = await cli('revise', '--kb', FACTS, '(ConceptNode "x")');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/);
  });
});
