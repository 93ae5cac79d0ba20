import { AtomSpace, atomFromJson, isAtomValue, parseAtomese, TypeRegistry, type Atom } from '@ai-opencog/atomspace';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fixture } from './cli-test-harness';

const FROG = fixture('reason-frog.scm');
const FROG_RULES = 'conditional-full-instantiation-meta-rule,fuzzy-conjunction-introduction-2ary-rule';
const CROAKS = '(EvaluationLink (PredicateNode "croaks") (ConceptNode "Fritz"))';
const WHAT_IS_GREEN = '(InheritanceLink (VariableNode "$what") (ConceptNode "green"))';
const CONCEPT_WHAT = '(TypedVariableLink (VariableNode "$what") (TypeNode "ConceptNode"))';
const FRITZ_GREEN = '(InheritanceLink (ConceptNode "Fritz") (ConceptNode "green"))';

/** Reads the output back as a user would: the atoms, each with its values. */
function readBack(text: string): Atom[] {
  const space = new AtomSpace({ types: new TypeRegistry() });
  return parseAtomese(space, text).filter((x): x is Atom => isAtomValue(x));
}

const withTv = (atoms: readonly Atom[]) => atoms.map((a) => `${a.toString()} ${a.tv.toString()}`);

describe('ai-opencog reason --forward', () => {
  it('prints every atom the forward chainer produced, with its TV', async () => {
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--forward', CROAKS, '--max-iterations', '30');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const atoms = withTv(readBack(r.stdout));
    expect(atoms).toContain(`${FRITZ_GREEN} (stv 1 1)`);
    expect(atoms).toContain('(InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog")) (stv 1 1)');
    expect(atoms.some((a) => a.startsWith('(InheritanceLink (ConceptNode "Tweety")'))).toBe(false);
  });

  it('stops after --max-iterations', async () => {
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--forward', CROAKS, '--max-iterations', '2', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ direction: 'forward', iterations: 2, stopReason: 'max-iterations', complete: true });
    // Two iterations only make conjunctions: nothing is green yet.
    expect(r.stdout).not.toContain('"green"');
  });

  it('accepts the source from a file with @path, and one-line results with --compact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reason-'));
    writeFileSync(join(dir, 'source.scm'), `; Fritz croaks\n${CROAKS}\n`);
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--forward', `@${join(dir, 'source.scm')}`, '--max-iterations', '30', '--compact');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toContain('(InheritanceLink (stv 1 1) (ConceptNode "Fritz") (ConceptNode "green"))');
  });
});

describe('ai-opencog reason --backward', () => {
  it('prints the target groundings with their TVs', async () => {
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--backward', WHAT_IS_GREEN, '--vardecl', CONCEPT_WHAT, '--max-iterations', '20');
    expect(r.status).toBe(0);
    expect(withTv(readBack(r.stdout))).toEqual([`${FRITZ_GREEN} (stv 1 1)`]);
  });

  it('prints JSON that the kernel reads back, with the run summary', async () => {
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--backward', WHAT_IS_GREEN, '--vardecl', CONCEPT_WHAT, '--max-iterations', '20', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    // Every and-BIT is exhausted before the 20 iterations.
    expect(json).toMatchObject({ direction: 'backward', stopReason: 'exhausted', complete: true });
    expect(json.iterations).toBeLessThan(20);
    expect(json.trace).toBeUndefined();
    const space = new AtomSpace({ types: new TypeRegistry() });
    const result = atomFromJson(space, json.results[0]);
    expect(`${result.toString()} ${result.tv.toString()}`).toBe(`${FRITZ_GREEN} (stv 1 1)`);
  });

  it('runs a rule base the files define (--rule-base), with its own parameters', async () => {
    const r = await cli(
      'reason',
      '--kb',
      fixture('reason-user-rules.scm'),
      '--rule-base',
      '(ConceptNode "geography")',
      '--backward',
      '(InheritanceLink (ConceptNode "Montmartre") (VariableNode "$where"))',
      '--json',
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.iterations).toBe(4); // URE:maximum-iterations of the rule base
    const places = json.results.map((a: { outgoing: { name: string }[] }) => a.outgoing[1].name).sort();
    expect(places).toContain('Paris');
    expect(places).toContain('France');
  });

  it('lets --complexity-penalty and --seed through, and reports a --time-limit cut on stderr', async () => {
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--backward', WHAT_IS_GREEN, '--complexity-penalty', '0.5', '--seed', '3', '--max-iterations', '5');
    expect(r.status).toBe(0);
    // A thousand iterations of 3-ary conjunctions take far longer than 1 ms.
    const slow = await cli('reason', '--kb', FROG, '--rules', 'fuzzy-conjunction-introduction-3ary-rule', '--forward', CROAKS, '--max-iterations', '1000', '--time-limit', '1', '--json');
    expect(slow.status).toBe(0);
    const json = JSON.parse(slow.stdout);
    expect(json).toMatchObject({ complete: false, stopReason: 'time-limit' });
    expect(json.iterations).toBeLessThan(1000);
    expect(slow.stderr).toMatch(/note: stopped at --time-limit 1 ms after \d+ iterations/);
  });
});

describe('ai-opencog reason --trace', () => {
  it('prints the trace after the results as Atomese comments', async () => {
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--backward', WHAT_IS_GREEN, '--vardecl', CONCEPT_WHAT, '--max-iterations', '20', '--trace');
    expect(r.status).toBe(0);
    const [results, trace] = r.stdout.split('; inference trace: ');
    expect(withTv(readBack(results))).toEqual([`${FRITZ_GREEN} (stv 1 1)`]);
    expect(trace).toMatch(/^\d+ steps\n/);
    expect(r.stdout).toMatch(/; \[\d+\] fuzzy-conjunction-introduction-2ary-rule => \(AndLink .* \(stv 1 1\)\n/);
    expect(r.stdout).toContain(`conditional-full-instantiation-meta-rule => ${FRITZ_GREEN} (stv 1 1)\n;     <- (InheritanceLink (ConceptNode "Fritz") (ConceptNode "frog"))`);
    // The whole output still reads back to the results alone.
    expect(readBack(r.stdout)).toHaveLength(1);
  });

  it('puts the trace in the JSON', async () => {
    const r = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--forward', CROAKS, '--max-iterations', '30', '--trace', '--json');
    const { trace } = JSON.parse(r.stdout);
    const step = trace.find((s: { conclusion: { outgoing?: { name: string }[] } }) => s.conclusion.outgoing?.[1]?.name === 'green');
    expect(step).toMatchObject({ rule: 'conditional-full-instantiation-meta-rule', tv: { type: 'stv', strength: 1, confidence: 1 } });
    expect(step.iteration).toBeGreaterThan(1);
    expect(step.premises).toEqual([{ type: 'InheritanceLink', outgoing: [{ type: 'ConceptNode', name: 'Fritz' }, { type: 'ConceptNode', name: 'frog' }] }]);
  });
});

describe('ai-opencog reason errors', () => {
  const usage = [
    ['both --rules and --rule-base', ['--rules', FROG_RULES, '--rule-base', '(ConceptNode "x")', '--forward', CROAKS], /either --rules/],
    ['neither --rules nor --rule-base', ['--forward', CROAKS], /either --rules/],
    ['neither --forward nor --backward', ['--rules', FROG_RULES], /either --forward/],
    ['both --forward and --backward', ['--rules', FROG_RULES, '--forward', CROAKS, '--backward', CROAKS], /either --forward/],
    ['an unknown rule', ['--rules', 'no-such-rule', '--forward', CROAKS], /unknown rule 'no-such-rule'/],
    ['an empty rule name', ['--rules', 'a,,b', '--forward', CROAKS], /rule names must not be empty/],
    ['--max-iterations 0', ['--rules', FROG_RULES, '--forward', CROAKS, '--max-iterations', '0'], /--max-iterations must be a positive integer/],
    ['a negative --complexity-penalty', ['--rules', FROG_RULES, '--forward', CROAKS, '--complexity-penalty', '-1'], /non-negative/],
  ] as const;

  it.each(usage)('exits 2 on %s', async (_what, args, message) => {
    const r = await cli('reason', '--kb', FROG, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 without --kb', async () => {
    const r = await cli('reason', '--rules', FROG_RULES, '--forward', CROAKS);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--kb/);
  });

  it('exits 1 with FILE:LINE:COL on a parse error in the target, the vardecl or a @file', async () => {
    const bad = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--backward', '(InheritanceLink (ConceptNode "a")');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^<target>:1:1: error: /);
    const vardecl = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--backward', WHAT_IS_GREEN, '--vardecl', '(TypedVariableLink (VariableNode "$what") (NoSuchType "x"))');
    expect(vardecl.status).toBe(1);
    expect(vardecl.stderr).toMatch(/^<vardecl>:1:\d+: error: .*NoSuchType/);
    const dir = mkdtempSync(join(tmpdir(), 'reason-'));
    writeFileSync(join(dir, 'target.scm'), '\n  (InheritanceLink\n');
    const file = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--backward', `@${join(dir, 'target.scm')}`);
    expect(file.status).toBe(1);
    expect(file.stderr).toMatch(new RegExp(`^${join(dir, 'target.scm')}:2:3: error: `));
  });

  it('exits 1 on a missing @file, a knowledge base with an error, or a rule base that is not one', async () => {
    const missing = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--forward', '@/no/such/file.scm');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read source file \/no\/such\/file.scm: ENOENT/);
    const badKb = await cli('reason', '--kb', fixture('unclosed.scm'), '--rules', FROG_RULES, '--forward', CROAKS);
    expect(badKb.status).toBe(1);
    expect(badKb.stderr).toMatch(/unclosed\.scm:\d+:\d+: error: /);
    const notConcept = await cli('reason', '--kb', FROG, '--rule-base', '(PredicateNode "x")', '--forward', CROAKS);
    expect(notConcept.status).toBe(1);
    expect(notConcept.stderr).toMatch(/the rule base must be a ConceptNode/);
    const empty = await cli('reason', '--kb', FROG, '--rule-base', '(ConceptNode "nothing")', '--forward', CROAKS);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/has no rules/);
    const two = await cli('reason', '--kb', FROG, '--rules', FROG_RULES, '--forward', `${CROAKS} ${CROAKS}`);
    expect(two.status).toBe(1);
    expect(two.stderr).toMatch(/<source>: expected exactly one atom, got 2 items/);
  });
});
