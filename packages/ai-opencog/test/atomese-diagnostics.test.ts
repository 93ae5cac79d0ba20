import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAtomese } from '../src/common/atomese-diagnostics';

const ROOT = join(__dirname, '..', '..', '..');

describe('checkAtomese (parse diagnostics by the kernel reader)', () => {
  it('finds nothing wrong in good Atomese, full or short type names', () => {
    const r = checkAtomese('(InheritanceLink (stv 0.9 0.8) (ConceptNode "cat") (ConceptNode "animal"))\n(Inheritance (Concept "dog") (Concept "animal"))');
    expect(r.diagnostics).toEqual([]);
    expect(r.itemCount).toBe(2);
  });

  it('reports an unclosed list with the line and column the reader gives', () => {
    const r = checkAtomese('(Concept "a")\n\n  (Inheritance (Concept "b")', { file: 'x.scm' });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'PARSE_ERROR', line: 3, column: 3 });
  });

  it('underlines the token at fault and goes on to the next error', () => {
    const text = ['(Concept cat)', '(Concept "ok")', '(Inheritance (Concept "a") (stv 2 0.5) (Concept "b"))', '(Concept "fine")'].join('\n');
    const r = checkAtomese(text);
    expect(r.diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [1, 'error'],
      [3, 'error'],
    ]);
    const first = r.diagnostics[0];
    expect(first.message).toMatch(/needs a name string/);
    expect([first.column, first.endColumn]).toEqual([10, 13]); // `cat`
  });

  it('takes a type the kernel does not know as a warning, declares it and reads on', () => {
    const r = checkAtomese('(MemberLink (GeneNode "BRCA1") (ConceptNode "DNA repair"))\n(GeneNode "TP53")\n(Concept oops)');
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning', 'error']);
    expect(r.diagnostics[0].message).toMatch(/'GeneNode' is not a type the kernel knows/);
    expect(r.diagnostics[1].line).toBe(3);
  });

  it('keeps (define ...) bindings across the forms it reads after an error', () => {
    const r = checkAtomese('(define cat (Concept "cat"))\n(Concept bad)\n(Inheritance cat (Concept "animal"))');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].line).toBe(2);
  });

  it('does not hang or throw on hostile input', () => {
    expect(checkAtomese(')))(((').diagnostics.length).toBeGreaterThan(0);
    expect(checkAtomese('"unterminated').diagnostics.length).toBe(1);
    expect(checkAtomese('#| never closed').diagnostics.length).toBe(1);
  });

  it('finds no error in the examples and the OpenCog datasets that load unchanged', () => {
    for (const file of ['examples/animals.scm', 'examples/reasoning.scm', 'examples/reasoning-targets.scm', 'datasets/opencog/Mid-level-ontology.scm']) {
      const r = checkAtomese(readFileSync(join(ROOT, file), 'utf8'), { file });
      expect({ file, errors: r.diagnostics.filter((d) => d.severity === 'error') }).toEqual({ file, errors: [] });
    }
    // GeneNode and MoleculeNode are user types: warnings only.
    const sample = checkAtomese(readFileSync(join(ROOT, 'datasets/opencog/sample_dataset.scm'), 'utf8'));
    expect(sample.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(sample.diagnostics.length).toBeGreaterThan(0);
  });
});
