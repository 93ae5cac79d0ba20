import { atomExpressionAt, expressionAt, LineIndex, listsAround, topLevelForms } from '../src/common/atomese-source';
import { isAtomTypeName } from '../src/common/atom-type-info';

describe('atomese-source (where the expressions are)', () => {
  const text = [
    '; a comment with (parens',
    '(Get (Variable "$x") ; another )) one',
    '  (Inheritance (Variable "$x") (Concept "a)b")))',
    '#| block (( |#',
    '(Concept "c")',
  ].join('\n');

  it('finds top-level forms, ignoring brackets in comments and strings', () => {
    const forms = topLevelForms(text);
    expect(forms.map((f) => text.slice(f.start, f.end))).toEqual([
      '(Get (Variable "$x") ; another )) one\n  (Inheritance (Variable "$x") (Concept "a)b")))',
      '(Concept "c")',
    ]);
    expect(forms.every((f) => f.closed)).toBe(true);
  });

  it('gives the top-level form at a cursor, or the nearest one between forms', () => {
    const inConcept = text.indexOf('"a)b"') + 2;
    expect(expressionAt(text, inConcept)).toMatch(/^\(Get/);
    expect(expressionAt(text, 0)).toMatch(/^\(Get/); // on the comment before the first form
    expect(expressionAt(text, text.indexOf('#|') + 3)).toMatch(/^\(Get/); // after the first, before the second
    expect(expressionAt(text, text.length)).toBe('(Concept "c")');
  });

  it('gives the innermost atom around a cursor', () => {
    const offset = text.indexOf('"a)b"') + 1;
    const lists = listsAround(text, offset).map((r) => text.slice(r.start, r.end));
    expect(lists[lists.length - 1]).toBe('(Concept "a)b")');
    expect(atomExpressionAt(text, offset, (h) => isAtomTypeName(h))).toBe('(Concept "a)b")');
    // values are not atoms: the link around them is
    const tv = '(Inheritance (stv 0.5 0.5) (Concept "x") (Concept "y"))';
    expect(atomExpressionAt(tv, tv.indexOf('0.5'), (h) => isAtomTypeName(h))).toBe(tv);
  });

  it('marks an unclosed form', () => {
    const forms = topLevelForms('(Concept "a") (Inheritance (Concept "b")');
    expect(forms[1].closed).toBe(false);
  });

  it('converts between offsets and 1-based line/column', () => {
    const lines = new LineIndex('ab\ncd\n\nef');
    expect(lines.offsetOf(2, 2)).toBe(4);
    expect(lines.positionOf(4)).toEqual({ line: 2, column: 2 });
    expect(lines.positionOf(7)).toEqual({ line: 4, column: 1 });
    expect(lines.offsetOf(99, 99)).toBe(9);
  });
});
