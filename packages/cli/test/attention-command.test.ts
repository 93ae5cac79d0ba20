import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomSpace, isAtomValue, parseAtomese, TypeRegistry } from '@ai-opencog/atomspace';
import { cli, fixture } from './cli-test-harness';

const KB = fixture('attention-pets.scm');

/** Reads the output back: the atoms printed, in order, and their attention values. */
function readBack(text: string) {
  const space = new AtomSpace({ types: new TypeRegistry() });
  const items = parseAtomese(space, text).filter(isAtomValue);
  return items.map((a) => `${a} ${space.getAttentionValue(a)}`);
}

describe('ai-opencog attention', () => {
  it('prints a stimulated atom in the focus with its attention value (wage 20 per unit at default funds)', async () => {
    const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")=5', '--cycles', '0');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('(ConceptNode "cat" (av 100 100 0))\n');
  });

  it('after a cycle, 40% of its STI has diffused to its neighbours, and the output reads back', async () => {
    const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")=5', '--cycles', '1');
    expect(r.status).toBe(0);
    expect(readBack(r.stdout)).toEqual([
      '(ConceptNode "cat") (av 60 100 0)',
      '(InheritanceLink (ConceptNode "cat") (ConceptNode "mammal")) (av 20 0 0)',
      '(InheritanceLink (ConceptNode "cat") (ConceptNode "pet")) (av 20 0 0)',
    ]);
  });

  it('takes several stimuli, atoms given as text or @FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attention-'));
    const lonely = join(dir, 'lonely.scm');
    writeFileSync(lonely, '(ConceptNode "lonely")\n');
    const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")=1', '--stimulate', `@${lonely}=2`, '--cycles', '0', '--compact');
    expect(r.stdout).toBe('(ConceptNode "lonely" (av 40 40 0))\n(ConceptNode "cat" (av 20 20 0))\n');
  });

  it('--json prints one atom per line with its attention value', async () => {
    const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")=5', '--cycles', '0', '--json');
    expect(JSON.parse(r.stdout)).toEqual({ type: 'ConceptNode', name: 'cat', av: { sti: 100, lti: 100, vlti: 0 } });
  });

  it('gives the same output for the same --seed', async () => {
    const args = ['attention', '--kb', KB, '--stimulate', '(Concept "cat")=5', '--stimulate', '(Concept "dog")=3', '--cycles', '12', '--compact'];
    const a = await cli(...args, '--seed', '42');
    const b = await cli(...args, '--seed', '42');
    expect(a.status).toBe(0);
    expect(a.stdout.split('\n').length).toBeGreaterThan(4);
    expect(a.stdout).toBe(b.stdout);
  });

  describe('bad input exits 1', () => {
    it('an atom that is not in the knowledge base', async () => {
      const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "unicorn")=5', '--cycles', '1');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('ai-opencog: error: --stimulate: (Concept "unicorn") is not in the knowledge bases\n');
    });

    it('a syntax error in the atom is reported at its position', async () => {
      const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat"=5', '--cycles', '1');
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("<stimulus>:1:1: error: unclosed '(': missing ')' for the list opened here\n");
    });
  });

  describe('usage errors exit 2', () => {
    it('a stimulus without an amount', async () => {
      const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")', '--cycles', '1');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("--stimulate takes ATOM=AMOUNT with a number for AMOUNT, got '(Concept \"cat\")'");
    });

    it('an amount that is not a number', async () => {
      const r = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")=lots', '--cycles', '1');
      expect(r.status).toBe(2);
    });

    it('without --cycles, or with a bad one', async () => {
      const none = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")=1');
      expect(none.status).toBe(2);
      expect(none.stderr).toContain("required option '--cycles <N>' not specified");
      const bad = await cli('attention', '--kb', KB, '--stimulate', '(Concept "cat")=1', '--cycles', 'x');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--cycles must be a non-negative integer');
    });
  });
});
