import { AtomSpace, AtomSpaceError, TypeRegistry, camelTypeName, parseTypesScript } from '../src';
import { atomSpaceError } from './support/helpers';

describe('classic OpenCog types', () => {
  const types = new TypeRegistry();

  it('tells nodes from links', () => {
    const concept = types.get('ConceptNode');
    const list = types.get('ListLink');
    expect(concept.isNode).toBe(true);
    expect(concept.isLink).toBe(false);
    expect(list.isLink).toBe(true);
    expect(list.isNode).toBe(false);
    expect(types.get('Atom').isNode).toBe(false);
    expect(types.get('Atom').isLink).toBe(false);
    expect(types.get('FloatValue').isNode).toBe(false);
    expect(types.get('FloatValue').isLink).toBe(false);
  });

  it('knows which links are unordered', () => {
    for (const name of ['SetLink', 'AndLink', 'OrLink', 'SimilarityLink', 'EquivalenceLink', 'UnorderedLink']) {
      expect(types.get(name).isUnordered).toBe(true);
    }
    for (const name of ['ListLink', 'InheritanceLink', 'EvaluationLink', 'NotLink', 'ImplicationLink', 'OrderedLink']) {
      expect(types.get(name).isUnordered).toBe(false);
    }
    expect(types.get('ConceptNode').isUnordered).toBe(false);
  });

  it('answers isA along every path of a multiple-inheritance hierarchy', () => {
    const subset = types.get('SubsetLink');
    for (const ancestor of ['SubsetLink', 'InheritanceLink', 'OrderedLink', 'EvaluatableLink', 'Link', 'Atom', 'Value']) {
      expect(subset.isA(types.get(ancestor))).toBe(true);
    }
    for (const other of ['Node', 'UnorderedLink', 'ListLink', 'IntensionalInheritanceLink', 'FloatValue']) {
      expect(subset.isA(types.get(other))).toBe(false);
    }
    const grounded = types.get('GroundedPredicateNode');
    expect(grounded.isA(types.get('PredicateNode'))).toBe(true);
    expect(grounded.isA(types.get('GroundedProcedureNode'))).toBe(true);
    expect(grounded.isA(types.get('SchemaNode'))).toBe(false);
    const and = types.get('AndLink');
    expect(and.isA(types.get('BooleanLink'))).toBe(true);
    expect(and.isA(types.get('UnorderedLink'))).toBe(true);
    expect(and.isA(types.get('OrderedLink'))).toBe(false);
  });

  it('answers isA by type id as well', () => {
    const concept = types.get('ConceptNode');
    expect(concept.isA(types.get('Node').id)).toBe(true);
    expect(concept.isA(types.get('Link').id)).toBe(false);
    expect(concept.isA(concept.id)).toBe(true);
    // an id larger than any ancestor is simply not an ancestor
    expect(types.get('Value').isA(types.size - 1)).toBe(false);
    expect(concept.isA(100000)).toBe(false);
  });

  it('is reflexive and transitive, and parents are ancestors, over the whole table', () => {
    for (const t of types.all()) {
      expect(t.isA(t)).toBe(true);
      for (const p of t.parents) {
        expect(t.isA(p)).toBe(true);
        expect(p.id).toBeLessThan(t.id);
        for (const q of types.all()) if (p.isA(q)) expect(t.isA(q)).toBe(true);
      }
      expect(t.isA(types.get('Value'))).toBe(true);
    }
  });

  it('resolves short names to the same type', () => {
    expect(types.find('Concept')).toBe(types.get('ConceptNode'));
    expect(types.find('Evaluation')).toBe(types.get('EvaluationLink'));
    expect(types.find('Predicate')).toBe(types.get('PredicateNode'));
    expect(types.get('ConceptNode').shortName).toBe('Concept');
    expect(types.get('ListLink').shortName).toBe('List');
    expect(types.get('ForAllLink').shortName).toBe('ForAll');
  });

  it('gives every short name to exactly the type that has it', () => {
    for (const t of types.all()) {
      if (t.shortName !== undefined) expect(types.find(t.shortName)).toBe(t);
      expect(types.find(t.name)).toBe(t);
    }
  });

  it('gives no short name to types without a Node/Link suffix, to abstract types, or to values', () => {
    expect(types.get('VariableList').shortName).toBeUndefined();
    expect(types.get('TypeChoice').shortName).toBeUndefined();
    expect(types.get('Link').shortName).toBeUndefined();
    expect(types.get('OrderedLink').shortName).toBeUndefined();
    expect(types.find('Ordered')).toBeUndefined();
    expect(types.get('FloatValue').shortName).toBeUndefined();
  });

  it('marks abstract types', () => {
    for (const name of ['Atom', 'Node', 'Link', 'OrderedLink', 'UnorderedLink', 'ScopeLink', 'FreeLink', 'EvaluatableLink']) {
      expect(types.get(name).isAbstract).toBe(true);
    }
    for (const name of ['ConceptNode', 'ListLink', 'SetLink', 'VariableList', 'ExistsLink']) {
      expect(types.get(name).isAbstract).toBe(false);
    }
  });

  it('lists subtypes', () => {
    const names = types.subtypesOf(types.get('InheritanceLink')).map((t) => t.name).sort();
    expect(names).toEqual(['InheritanceLink', 'IntensionalInheritanceLink', 'SubsetLink']);
    expect(types.subtypesOf(types.get('ConceptNode')).map((t) => t.name)).toEqual(['ConceptNode']);
  });

  it('names an unknown type in its error', () => {
    const e = atomSpaceError(() => types.get('FooNode'));
    expect(e.code).toBe('UNKNOWN_TYPE');
    expect(e.message).toContain("'FooNode'");
    expect(types.find('FooNode')).toBeUndefined();
  });

  it('makes an empty hierarchy of only the base types', () => {
    const bare = new TypeRegistry(false);
    expect(bare.all().map((t) => t.name)).toEqual(['Value', 'Atom', 'Node', 'Link', 'OrderedLink', 'UnorderedLink']);
    expect(bare.find('ConceptNode')).toBeUndefined();
    const gene = bare.register('GeneNode', ['Node']);
    expect(gene.isNode).toBe(true);
    expect(bare.find('Gene')).toBe(gene);
    const space = new AtomSpace({ types: bare });
    expect(space.addNode('Gene', 'IGF1').type).toBe(gene);
  });
});

describe('registering types', () => {
  it('declares a node type under ConceptNode, usable in both name forms', () => {
    const types = new TypeRegistry();
    const gene = types.register('GeneNode', ['ConceptNode']);
    expect(gene.isNode).toBe(true);
    expect(gene.isA(types.get('ConceptNode'))).toBe(true);
    expect(gene.isAbstract).toBe(false);
    expect(gene.shortName).toBe('Gene');
    expect(types.get('Gene')).toBe(gene);
    expect(types.get('GeneNode')).toBe(gene);
    expect(types.subtypesOf(types.get('ConceptNode'))).toContain(gene);
  });

  it('does not leak registrations into other registries', () => {
    const a = new TypeRegistry();
    const b = new TypeRegistry();
    a.register('GeneNode', ['ConceptNode']);
    expect(b.find('GeneNode')).toBeUndefined();
  });

  it('declares a link type with several parents', () => {
    const types = new TypeRegistry();
    const pil = types.register('PredictiveImplicationLink', ['OrderedLink', 'EvaluatableLink']);
    expect(pil.isLink).toBe(true);
    expect(pil.isUnordered).toBe(false);
    expect(pil.isA(types.get('EvaluatableLink'))).toBe(true);
    const sym = types.register('SymmetricFooLink', ['UnorderedLink']);
    expect(sym.isUnordered).toBe(true);
  });

  it('treats re-declaring with the same parents as a no-op', () => {
    const types = new TypeRegistry();
    const first = types.register('FooLink', ['OrderedLink', 'EvaluatableLink']);
    const size = types.size;
    expect(types.register('FooLink', ['EvaluatableLink', 'OrderedLink'])).toBe(first);
    expect(types.register('ConceptNode', ['Node'])).toBe(types.get('ConceptNode'));
    expect(types.size).toBe(size);
  });

  it('refuses re-declaring with other parents', () => {
    const types = new TypeRegistry();
    types.register('GeneNode', ['ConceptNode']);
    const e = atomSpaceError(() => types.register('GeneNode', ['PredicateNode']));
    expect(e.code).toBe('INVALID_TYPE');
    expect(e.message).toContain('ConceptNode');
    expect(types.get('GeneNode').parents.map((p) => p.name)).toEqual(['ConceptNode']);
  });

  it('refuses bad names, unknown parents, no parents and node-link hybrids', () => {
    const types = new TypeRegistry();
    const size = types.size;
    expect(atomSpaceError(() => types.register('geneNode', ['ConceptNode'])).code).toBe('INVALID_TYPE');
    expect(atomSpaceError(() => types.register('Gene Node', ['ConceptNode'])).code).toBe('INVALID_TYPE');
    expect(atomSpaceError(() => types.register('', ['ConceptNode'])).code).toBe('INVALID_TYPE');
    const unknown = atomSpaceError(() => types.register('GeneNode', ['BioNode']));
    expect(unknown.code).toBe('UNKNOWN_TYPE');
    expect(unknown.message).toContain('BioNode');
    expect(atomSpaceError(() => types.register('LonelyNode', [])).message).toContain('at least one parent');
    expect(atomSpaceError(() => types.register('HybridLink', ['ConceptNode', 'ListLink'])).message).toContain('both a node and a link');
    expect(types.size).toBe(size);
    expect(types.find('HybridLink')).toBeUndefined();
  });

  it('refuses a full name that is already the short name of another type', () => {
    const types = new TypeRegistry();
    const e = atomSpaceError(() => types.register('Concept', ['Node']));
    expect(e.code).toBe('INVALID_TYPE');
    expect(e.message).toContain('ConceptNode');
  });

  it('keeps short names unambiguous when two new types would share one', () => {
    const types = new TypeRegistry();
    const fooNode = types.register('FooNode', ['Node']);
    const fooLink = types.register('FooLink', ['OrderedLink']);
    expect(types.get('Foo')).toBe(fooNode);
    expect(fooNode.shortName).toBe('Foo');
    // FooLink cannot be called 'Foo': that name is FooNode's
    expect(fooLink.shortName).toBeUndefined();
    const bar = types.register('Bar', ['Node']);
    const barNode = types.register('BarNode', ['Node']);
    expect(types.get('Bar')).toBe(bar);
    expect(barNode.shortName).toBeUndefined();
  });

  it('keeps isA right for types past the first 32 and 64 ids', () => {
    const types = new TypeRegistry();
    let parent = 'ConceptNode';
    const chain: string[] = [];
    for (let i = 0; i < 80; i++) {
      const name = `Level${i}Node`;
      types.register(name, [parent]);
      chain.push(name);
      parent = name;
    }
    const deepest = types.get(chain[chain.length - 1]);
    for (const name of chain) expect(deepest.isA(types.get(name))).toBe(true);
    expect(deepest.isA(types.get('Node'))).toBe(true);
    expect(deepest.isA(types.get('PredicateNode'))).toBe(false);
    expect(types.get(chain[10]).isA(types.get(chain[11]))).toBe(false);
    const mixed = types.register('MixedLink', ['ListLink', 'EvaluatableLink']);
    expect(mixed.isA(types.get('EvaluatableLink'))).toBe(true);
    expect(mixed.isA(deepest)).toBe(false);
  });
});

describe("OpenCog's atom_types.script notation", () => {
  it('parses declarations, comments, several parents and explicit names', () => {
    const script = [
      '// bioscience types',
      'GENE_NODE <- CONCEPT_NODE',
      '',
      'MOLECULE_NODE <- CONCEPT_NODE  // a molecule',
      'FOO_LINK <- ORDERED_LINK, EVALUATABLE_LINK "FooBarLink"',
      'CHILD_LINK <- FOO_LINK',
      'GeneticLink <- ListLink',
    ].join('\n');
    expect(parseTypesScript(script)).toEqual([
      { name: 'GeneNode', parents: ['ConceptNode'], line: 2 },
      { name: 'MoleculeNode', parents: ['ConceptNode'], line: 4 },
      { name: 'FooBarLink', parents: ['OrderedLink', 'EvaluatableLink'], line: 5 },
      { name: 'ChildLink', parents: ['FooBarLink'], line: 6 },
      { name: 'GeneticLink', parents: ['ListLink'], line: 7 },
    ]);
  });

  it('accepts Windows line ends and a declaration without parents', () => {
    expect(parseTypesScript('VALUE\r\nATOM <- VALUE\r\n')).toEqual([
      { name: 'Value', parents: [], line: 1 },
      { name: 'Atom', parents: ['Value'], line: 2 },
    ]);
  });

  it('names the line of a declaration it cannot read', () => {
    const e = atomSpaceError(() => parseTypesScript('GENE_NODE <- CONCEPT_NODE\nGENE NODE <= CONCEPT_NODE\n'));
    expect(e.code).toBe('INVALID_TYPE');
    expect(e.message).toMatch(/^line 2: /);
    expect(e.message).toContain('GENE NODE <= CONCEPT_NODE');
  });

  it('declares a parsed script in order and names the failing line', () => {
    const types = new TypeRegistry();
    const declared = types.declareAll(parseTypesScript('GENE_NODE <- CONCEPT_NODE\nSUPER_GENE_NODE <- GENE_NODE\n'));
    expect(declared.map((t) => t.name)).toEqual(['GeneNode', 'SuperGeneNode']);
    expect(types.get('SuperGene').isA(types.get('ConceptNode'))).toBe(true);
    const e = atomSpaceError(() => types.declareAll(parseTypesScript('\n\nX_NODE <- NO_SUCH_NODE\n')));
    expect(e.code).toBe('UNKNOWN_TYPE');
    expect(e.message).toMatch(/^line 3: /);
    expect(e.message).toContain('NoSuchNode');
  });

  it('turns UPPER_SNAKE ids into CamelCase', () => {
    expect(camelTypeName('CONCEPT_NODE')).toBe('ConceptNode');
    expect(camelTypeName('PREDICTIVE_IMPLICATION_LINK')).toBe('PredictiveImplicationLink');
    expect(camelTypeName('FORALL_LINK')).toBe('ForallLink');
    expect(camelTypeName('VALUE')).toBe('Value');
  });
});
