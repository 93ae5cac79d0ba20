import { describeType, isAtomTypeName, typeEntries, typeHoverMarkdown } from '../src/common/atom-type-info';

describe('atom-type-info (completion and hover)', () => {
  it('lists node and link types with their short names', () => {
    const entries = typeEntries();
    const concept = entries.find((e) => e.name === 'ConceptNode')!;
    expect(concept).toMatchObject({ shortName: 'Concept', kind: 'node', abstract: false, parents: ['Node'] });
    expect(entries.find((e) => e.name === 'InheritanceLink')?.kind).toBe('link');
    expect(entries.find((e) => e.name === 'Link')?.abstract).toBe(true);
  });

  it('knows atom types by full and short names, and not values', () => {
    expect(isAtomTypeName('Inheritance')).toBe(true);
    expect(isAtomTypeName('GetLink')).toBe(true);
    expect(isAtomTypeName('stv')).toBe(false);
    expect(isAtomTypeName('FloatValue')).toBe(false);
  });

  it('describes the place of a type in the hierarchy', () => {
    const d = describeType('Inheritance')!;
    expect(d.name).toBe('InheritanceLink');
    expect(d.ancestry).toContainEqual(['InheritanceLink', 'OrderedLink', 'Link', 'Atom', 'Value']);
    expect(d.subtypes).toContain('SubsetLink');
    const md = typeHoverMarkdown('ConceptNode')!;
    expect(md).toContain('**ConceptNode** (short: `Concept`)');
    expect(md).toContain('ConceptNode → Node → Atom → Value');
    expect(typeHoverMarkdown('notatype')).toBeUndefined();
  });
});
