import { AtomSpace, isAtomValue, parseAtomese, TypeRegistry, type Atom } from '@ai-opencog/atomspace';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fixture } from './cli-test-harness';

const KB = fixture('taxonomy.scm');

/** Reads the CLI's output back, as a user would, and returns its single item. */
function readBack(text: string) {
  const space = new AtomSpace({ types: new TypeRegistry() });
  const items = parseAtomese(space, text);
  expect(items).toHaveLength(1);
  return items[0];
}

const names = (atoms: readonly Atom[]) => atoms.map((a) => (a.type.isNode ? a.name : a.outgoing.map((x) => x.name).join('+'))).sort();

describe('ai-opencog query', () => {
  it('prints the SetLink of a GetLink', async () => {
    const r = await cli('query', '--kb', KB, '(Get (Inheritance (Variable "$x") (Concept "mammal")))');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const set = readBack(r.stdout) as Atom;
    expect(set.type.name).toBe('SetLink');
    expect(names(set.outgoing)).toEqual(['cat', 'dog']);
  });

  it('prints groundings of several variables as ListLinks in declaration order', async () => {
    const r = await cli(
      'query',
      '--kb',
      KB,
      '(Get (VariableList (Variable "$x") (Variable "$y")) (And (Inheritance (Variable "$x") (Variable "$y")) (Inheritance (Variable "$y") (Concept "animal"))))',
    );
    expect(r.status).toBe(0);
    const set = readBack(r.stdout) as Atom;
    expect(set.outgoing.every((a) => a.type.name === 'ListLink')).toBe(true);
    expect(names(set.outgoing)).toEqual(['cat+mammal', 'dog+mammal']);
  });

  it('prints the rewrites of a BindLink', async () => {
    const r = await cli(
      'query',
      '--kb',
      KB,
      '(Bind (Variable "$x") (Inheritance (Variable "$x") (Concept "mammal")) (Evaluation (Predicate "furry") (List (Variable "$x"))))',
    );
    expect(r.status).toBe(0);
    const set = readBack(r.stdout) as Atom;
    expect(set.arity).toBe(2);
    expect(set.outgoing.every((a) => a.type.name === 'EvaluationLink' && a.outgoing[0].name === 'furry')).toBe(true);
  });

  it('prints a LinkValue for a MeetLink', async () => {
    const r = await cli('query', '--kb', KB, '(Meet (Inheritance (Variable "$x") (Concept "mammal")))');
    expect(r.status).toBe(0);
    const value = readBack(r.stdout);
    expect(isAtomValue(value)).toBe(false);
    expect(r.stdout.startsWith('(LinkValue')).toBe(true);
  });

  it('prints (stv 1 1) or (stv 0 1) for a SatisfactionLink', async () => {
    const yes = await cli('query', '--kb', KB, '(Satisfaction (Inheritance (Variable "$x") (Concept "animal")))');
    expect(yes.stdout).toBe('(stv 1 1)\n');
    const no = await cli('query', '--kb', KB, '(Satisfaction (Inheritance (Variable "$x") (Concept "plant")))');
    expect(no.stdout).toBe('(stv 0 1)\n');
  });

  it('reads the query from a file with @path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-query-'));
    const q = join(dir, 'q.scm');
    writeFileSync(q, '; which are animals?\n(Get (Inheritance (Variable "$x") (Concept "animal")))\n');
    const r = await cli('query', '--kb', KB, `@${q}`);
    expect(r.status).toBe(0);
    expect(names((readBack(r.stdout) as Atom).outgoing)).toEqual(['mammal']);
  });

  it('prints an empty SetLink when nothing matches', async () => {
    const r = await cli('query', '--kb', KB, '--compact', '(Get (Inheritance (Variable "$x") (Concept "plant")))');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('(SetLink)\n');
  });

  it('--json prints the result as JSON', async () => {
    const r = await cli('query', '--kb', KB, '--json', '(Get (Inheritance (Concept "mammal") (Variable "$x")))');
    expect(JSON.parse(r.stdout)).toEqual({
      type: 'SetLink',
      outgoing: [{ type: 'ConceptNode', name: 'animal' }],
    });
  });

  it('--max-results stops early and says so on stderr', async () => {
    const r = await cli('query', '--kb', KB, '--max-results', '1', '(Get (Inheritance (Variable "$x") (Concept "mammal")))');
    expect(r.status).toBe(0);
    expect((readBack(r.stdout) as Atom).arity).toBe(1);
    expect(r.stderr).toContain('stopped at --max-results 1');
  });

  describe('bad input', () => {
    it('a syntax error in the query is reported at its position in <query>', async () => {
      const r = await cli('query', '--kb', KB, '(Get (Inheritance (Variable "$x") (Concept "mammal"))');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("<query>:1:1: error: unclosed '(': missing ')' for the list opened here\n");
    });

    it('something that is not a query is refused', async () => {
      const r = await cli('query', '--kb', KB, '(Concept "cat")');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('the query must be a GetLink');
    });

    it('a missing query file is reported', async () => {
      const r = await cli('query', '--kb', KB, '@/nonexistent/q.scm');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('ai-opencog: error: cannot read query file /nonexistent/q.scm: ENOENT\n');
    });
  });

  describe('usage errors exit 2', () => {
    it('without --kb', async () => {
      const r = await cli('query', '(Get (Variable "$x"))');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("required option '--kb <FILE>' not specified");
    });

    it('with a bad --max-results', async () => {
      const r = await cli('query', '--kb', KB, '--max-results', 'many', '(Get (Variable "$x"))');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--max-results must be a positive integer');
    });
  });
});
