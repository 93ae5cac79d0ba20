import { AtomSpace, isAtomValue, parseAtomese, TypeRegistry, type Atom } from '@ai-opencog/atomspace';
import { cli, fixture } from './cli-test-harness';

const ZOO = fixture('apply-zoo.scm');

function readBack(text: string): Atom[] {
  const space = new AtomSpace({ types: new TypeRegistry() });
  return parseAtomese(space, text).filter((x): x is Atom => isAtomValue(x));
}

describe('ai-opencog apply', () => {
  it('applies the rules once each, in order: later rules see earlier conclusions', async () => {
    const r = await cli('apply', '--kb', ZOO, '--rule', 'member-to-inheritance-rule', '--rule', 'inheritance-deduction-rule', '--compact');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // member-to-inheritance: s = 0.9, c = 0.5·0.9 = 0.45
    expect(lines[0]).toBe('; member-to-inheritance-rule: 1 conclusion');
    expect(lines[1]).toBe('(InheritanceLink (stv 0.9 0.45) (ConceptNode "Tom") (ConceptNode "cat"))');
    expect(lines[2]).toBe('; inheritance-deduction-rule: 1 conclusion');
    // Tom→cat→mammal with default-TV terms (strength 0.25): consistency passes, and
    // s = 0.9·0.95 + 0.1·(0.25 − 0.25·0.95)/0.75 = 0.855 + 0.001666… ; c = min(0.45, 0.9)·0.9 = 0.405
    const [deduced] = readBack(lines[3]);
    expect(deduced.toString()).toBe('(InheritanceLink (ConceptNode "Tom") (ConceptNode "mammal"))');
    expect(deduced.tv.strength).toBeCloseTo(0.855 + (0.1 * 0.0125) / 0.75, 12);
    expect(deduced.tv.confidence).toBeCloseTo(0.405, 12);
  });

  it('in the other order the deduction finds nothing yet', async () => {
    const r = await cli('apply', '--kb', ZOO, '--rule', 'inheritance-deduction-rule', '--rule', 'member-to-inheritance-rule', '--compact');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('; inheritance-deduction-rule: 0 conclusions');
  });

  it('applies a rule the files define, prints JSON and the trace', async () => {
    const r = await cli('apply', '--kb', fixture('reason-user-rules.scm'), '--rule', 'part-of-transitivity', '--json', '--trace');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.applications).toHaveLength(1);
    expect(json.applications[0].rule).toBe('part-of-transitivity');
    const concluded = json.applications[0].conclusions.map((a: { outgoing: { name: string }[] }) => a.outgoing.map((x) => x.name).join('→')).sort();
    expect(concluded).toEqual(['Montmartre→France', 'Paris→Europe']);
    expect(json.trace).toHaveLength(2);
    expect(json.trace[0]).toMatchObject({ rule: 'part-of-transitivity', iteration: 0 });
  });

  it('prints the trace as comments', async () => {
    const r = await cli('apply', '--kb', ZOO, '--rule', 'member-to-inheritance-rule', '--trace');
    expect(r.stdout).toContain('; inference trace: 1 step\n; [0] member-to-inheritance-rule => (InheritanceLink (ConceptNode "Tom") (ConceptNode "cat")) (stv 0.9 0.45)\n;     <- (MemberLink (ConceptNode "Tom") (ConceptNode "cat"))\n');
  });

  it('exits 2 on an unknown rule or without --rule', async () => {
    const unknown = await cli('apply', '--kb', ZOO, '--rule', 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown rule 'nope'/);
    const none = await cli('apply', '--kb', ZOO);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--rule/);
  });

  it('exits 1 on a knowledge base that does not load', async () => {
    const r = await cli('apply', '--kb', fixture('bad-stv.scm'), '--rule', 'member-to-inheritance-rule');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad-stv\.scm:\d+:\d+: error: /);
  });
});
