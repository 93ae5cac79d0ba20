import { readFileSync } from 'node:fs';
import { AtomSpace, parseAtomese, TypeRegistry } from '@ai-opencog/atomspace';
import { cli, fixture } from './cli-test-harness';

describe('ai-opencog load', () => {
  it('prints one line per atom type present with its count, sorted by type name', async () => {
    const r = await cli('load', fixture('taxonomy.scm'));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      ['ConceptNode 6', 'EvaluationLink 1', 'InheritanceLink 3', 'ListLink 1', 'PredicateNode 1', ''].join('\n'),
    );
  });

  it('--print writes every top-level atom on one line with non-default values, nested ones included', async () => {
    const r = await cli('load', '--print', fixture('taxonomy.scm'));
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '(InheritanceLink (stv 0.9 0.8) (ConceptNode "cat" (av 10 2 0)) (ConceptNode "mammal"))',
      '(InheritanceLink (ConceptNode "dog") (ConceptNode "mammal"))',
      '(InheritanceLink (stv 0.95 0.9) (ConceptNode "mammal") (ConceptNode "animal"))',
      '(EvaluationLink (PredicateNode "sound") (ListLink (ConceptNode "cat" (av 10 2 0)) (ConceptNode "meow")))',
      '(ConceptNode "lonely" (stv 0.5 0.5))',
      '',
    ]);
  });

  it('--print output reads back to the same atoms and values', async () => {
    const r = await cli('load', '--print', fixture('taxonomy.scm'));
    const original = new AtomSpace({ types: new TypeRegistry() });
    const again = new AtomSpace({ types: new TypeRegistry() });
    parseAtomese(again, r.stdout);
    parseAtomese(original, readFileSync(fixture('taxonomy.scm'), 'utf8'));
    expect(again.size).toBe(original.size);
    for (const a of original.atoms()) {
      const b = again.get(a);
      expect(b).toBeDefined();
      expect(again.getTruthValue(b!).equals(original.getTruthValue(a))).toBe(true);
      expect(again.getAttentionValue(b!).equals(original.getAttentionValue(a))).toBe(true);
    }
  });

  it('loads several files into one space in order', async () => {
    const r = await cli('load', '--type', 'GeneNode:ConceptNode', fixture('taxonomy.scm'), fixture('genes.scm'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('GeneNode 1\n');
    expect(r.stdout).toContain('ConceptNode 7\n');
    expect(r.stdout).toContain('MemberLink 1\n');
  });

  it('declares custom types from an atom_types.script file', async () => {
    const r = await cli('load', '--types', fixture('gene-types.script'), fixture('genes.scm'));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ConceptNode 1\nGeneNode 1\nMemberLink 1\n');
  });

  it('--json gives the counts as JSON', async () => {
    const r = await cli('load', '--json', fixture('taxonomy.scm'));
    expect(JSON.parse(r.stdout)).toEqual({
      atoms: 12,
      types: { ConceptNode: 6, EvaluationLink: 1, InheritanceLink: 3, ListLink: 1, PredicateNode: 1 },
    });
  });

  it('--print --json gives one JSON atom per line', async () => {
    const r = await cli('load', '--print', '--json', fixture('taxonomy.scm'));
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({
      type: 'InheritanceLink',
      outgoing: [
        { type: 'ConceptNode', name: 'cat', av: { sti: 10, lti: 2, vlti: 0 } },
        { type: 'ConceptNode', name: 'mammal' },
      ],
      tv: { type: 'stv', strength: 0.9, confidence: 0.8 },
    });
  });

  describe('bad input', () => {
    it('reports FILE:LINE:COL: error: MESSAGE and exits 1 for a value out of range', async () => {
      const r = await cli('load', fixture('bad-stv.scm'));
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${fixture('bad-stv.scm')}:2:20: error: strength must be a number in [0, 1], got 2\n`);
    });

    it('reports the position of an unclosed list', async () => {
      const r = await cli('load', fixture('unclosed.scm'));
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^${escape(fixture('unclosed.scm'))}:1:1: error: unclosed '\\('`));
    });

    it('names an undeclared custom type and how to declare it', async () => {
      const r = await cli('load', fixture('genes.scm'));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${fixture('genes.scm')}:1:24: error: unknown atom type 'GeneNode'`);
      expect(r.stderr).toContain('--type GeneNode:ConceptNode');
    });

    it('exits 1 for a missing file', async () => {
      const r = await cli('load', fixture('no-such-file.scm'));
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`ai-opencog: error: cannot read ${fixture('no-such-file.scm')}: ENOENT\n`);
    });
  });

  describe('usage errors exit 2', () => {
    it('without files', async () => {
      const r = await cli('load');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("missing required argument 'FILE'");
    });

    it('with an unknown option', async () => {
      const r = await cli('load', '--frobnicate', fixture('taxonomy.scm'));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("unknown option '--frobnicate'");
    });

    it('with a malformed --type', async () => {
      const r = await cli('load', '--type', 'GeneNode', fixture('genes.scm'));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--type expects NAME:PARENT');
    });

    it('with an unknown command', async () => {
      const r = await cli('frobnicate');
      expect(r.status).toBe(2);
    });
  });

  it('--help prints usage and exits 0', async () => {
    const r = await cli('load', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: ai-opencog load [options] <FILE...>');
    expect(r.stdout).toContain('--print');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
