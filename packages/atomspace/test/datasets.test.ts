import { createReadStream, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AtomSpace,
  TypeRegistry,
  loadAtomese,
  parseAtomese,
  parseTypesScript,
  stv,
  writeAtomSpace,
} from '../src';
import { DATASETS_DIR, atomeseError, datasetTypes, describeSpace, prng, splitAt } from './support/helpers';

jest.setTimeout(120_000);

const file = (name: string) => path.join(DATASETS_DIR, name);
const read = (name: string) => readFileSync(file(name), 'utf8');

/** Distinct atoms per exact type. dpedia and sample_dataset: the README's tables. MILO: the
 * README gives the total (6,238); the split per type is what its count-sexprs.mjs reports. */
const EXPECTED: Record<string, { forms: number; total: number; byType: Record<string, number> }> = {
  'dpedia.scm': {
    forms: 53_552,
    total: 141_554,
    byType: { ConceptNode: 35_220, EvaluationLink: 53_551, ListLink: 52_388, PredicateNode: 395 },
  },
  'Mid-level-ontology.scm': {
    forms: 1_053,
    total: 6_238,
    byType: {
      EvaluationLink: 1_244,
      ListLink: 1_120,
      ConceptNode: 790,
      MemberLink: 713,
      InheritanceLink: 442,
      ImplicationLink: 425,
      AndLink: 421,
      VariableNode: 317,
      ExistsLink: 288,
      PredicateNode: 242,
      ExecutionLink: 123,
      NotLink: 49,
      SchemaNode: 28,
      OrLink: 19,
      ForAllLink: 7,
      PredictiveImplicationLink: 6,
      EquivalenceLink: 4,
    },
  },
  'sample_dataset.scm': {
    forms: 665,
    total: 9_234,
    byType: {
      ListLink: 3_908,
      ConceptNode: 1_595,
      EvaluationLink: 2_722,
      PredicateNode: 10,
      MoleculeNode: 328,
      GeneNode: 267,
      MemberLink: 404,
    },
  },
};

function histogram(space: AtomSpace): Record<string, number> {
  return Object.fromEntries(space.typeHistogram().map(({ type, count }) => [type.name, count]));
}

function expectCounts(space: AtomSpace, name: string): void {
  const expected = EXPECTED[name];
  expect(space.size).toBe(expected.total);
  expect(histogram(space)).toEqual(expected.byType);
}

describe.each(Object.keys(EXPECTED))('%s', (name) => {
  const text = read(name);
  let whole: AtomSpace;

  beforeAll(() => {
    whole = new AtomSpace({ types: datasetTypes() });
    const items = parseAtomese(whole, text, { file: name });
    expect(items.length).toBeGreaterThan(0);
  });

  it('loads unchanged with the exact distinct atom counts per type', () => {
    expectCounts(whole, name);
  });

  it('loads the same as a file stream in small chunks, counting every form', async () => {
    const space = new AtomSpace({ types: datasetTypes() });
    const progress: number[] = [];
    const summary = await loadAtomese(space, createReadStream(file(name), { encoding: 'utf8', highWaterMark: 4096 }), {
      file: name,
      onProgress: (n) => progress.push(n),
    });
    expect(summary).toEqual({ forms: EXPECTED[name].forms, atomsAdded: EXPECTED[name].total });
    expect(progress[progress.length - 1]).toBe(text.length);
    expectCounts(space, name);
    if (name !== 'dpedia.scm') expect(describeSpace(space)).toEqual(describeSpace(whole));
  });

  it('loads the same atomically, in chunks of random sizes', async () => {
    const random = prng(name.length);
    const cuts: number[] = [];
    for (let at = 0; at < text.length; at += 1 + Math.floor(random() * 2000)) cuts.push(at);
    const space = new AtomSpace({ types: datasetTypes() });
    const summary = await loadAtomese(space, splitAt(text, cuts), { atomic: true });
    expect(summary.atomsAdded).toBe(EXPECTED[name].total);
    expectCounts(space, name);
  });

  it('writes the whole space and reads it back to the same atoms and values', () => {
    for (const options of [{}, { style: 'compact' as const, typeNames: 'short' as const }]) {
      const copy = new AtomSpace({ types: whole.types });
      parseAtomese(copy, [...writeAtomSpace(whole, options)].join('\n'));
      expectCounts(copy, name);
      if (name !== 'dpedia.scm' || options.style === 'compact') expect(describeSpace(copy)).toEqual(describeSpace(whole));
    }
  });
});

describe('dataset contents', () => {
  it('dpedia: facts with (stv 1 1) on every link, none on nodes, and odd names intact', () => {
    const space = new AtomSpace({ types: new TypeRegistry() });
    parseAtomese(space, read('dpedia.scm'));
    expect(space.getAtomsByType('Link').filter((l) => !space.getTruthValue(l).equals(stv(1, 1))).map(String)).toEqual([]);
    expect(space.getAtomsByType('Node').filter((n) => !space.getTruthValue(n).isDefault()).map(String)).toEqual([]);
    expect(space.getNode('Concept', 'Núria_Espert')).toBeDefined();
    expect(space.getNode('Concept', 'Titus Aelius Caesar Antoninus (from adoption to accession);')).toBeDefined();
    const autism = space.getNode('Concept', 'Autism')!;
    const name = space.getLink('Evaluation', [space.getNode('Predicate', 'name')!, space.getLink('List', [autism, autism])!]);
    expect(name).toBeDefined();
  });

  it("MILO: every atom has its (stv ...) and the (av 0 0 0) before it", () => {
    const space = new AtomSpace({ types: datasetTypes() });
    parseAtomese(space, read('Mid-level-ontology.scm'));
    const patient = space.getNode('Concept', 'patientMedical')!;
    expect(space.getTruthValue(patient).equals(stv(0.01, 0.555556))).toBe(true);
    const member = space.getLink('Member', [patient, space.getNode('Concept', 'BinaryPredicate')!])!;
    expect(space.getTruthValue(member).equals(stv(0.9, 0.111111))).toBe(true);
    const atoms = [...space.atoms()];
    expect(atoms.filter((a) => space.getTruthValue(a).isDefault()).map(String)).toEqual([]);
    expect(atoms.filter((a) => !space.getAttentionValue(a).isDefault()).map(String)).toEqual([]);
    const pil = space.getAtomsByType('PredictiveImplicationLink');
    expect(pil).toHaveLength(6);
    expect(space.getTruthValue(pil[0]).equals(stv(0, 0))).toBe(true);
    expect(space.getAtomsByType('ScopeLink').length).toBe(288 + 7);
  });

  it('sample_dataset: (stv 1 1) as the only TV, with the agi-bio types declared from a script', () => {
    const types = new TypeRegistry();
    types.declareAll(parseTypesScript('GENE_NODE <- CONCEPT_NODE\nMOLECULE_NODE <- CONCEPT_NODE\n'));
    const space = new AtomSpace({ types });
    parseAtomese(space, read('sample_dataset.scm'));
    // (stv 1 1), written as integers, is the only TV of the file (the README says only MemberLinks
    // carry one, but nested EvaluationLinks of the BioGRID part do too)
    const withTv = [...space.atoms()].filter((a) => !space.getTruthValue(a).isDefault());
    expect(withTv.filter((a) => !space.getTruthValue(a).equals(stv(1, 1))).map(String)).toEqual([]);
    expect(withTv.filter((a) => a.type.name === 'MemberLink').length).toBeGreaterThan(300);
    const gene = space.getNode('Gene', 'CAP1')!;
    const expresses = space.getLink('Evaluation', [
      space.getNode('Predicate', 'expresses')!,
      space.getLink('List', [gene, space.getNode('Molecule', 'Uniprot:Q01518')!])!,
    ])!;
    expect(space.getTruthValue(expresses).equals(stv(1, 1))).toBe(true);
    const igf1 = space.getNode('Gene', 'IGF1')!;
    const name = space.getLink('Evaluation', [
      space.getNode('Predicate', 'has_name')!,
      space.getLink('List', [igf1, space.getNode('Concept', 'Insulin-like growth factor I')!])!,
    ])!;
    expect(space.getTruthValue(name).isDefault()).toBe(true);
    expect(space.countByType('ConceptNode')).toBe(1_595 + 328 + 267);
  });

  it('sample_dataset without GeneNode declared: an error that says so, where it is', () => {
    const e = atomeseError(() => parseAtomese(new AtomSpace({ types: new TypeRegistry() }), read('sample_dataset.scm'), { file: 'sample_dataset.scm' }));
    expect([e.file, e.line, e.column]).toEqual(['sample_dataset.scm', 5, 8]);
    expect(e.reason).toContain("unknown atom type 'GeneNode': declare it first");
  });

  it('MILO without PredictiveImplicationLink declared: an error that says so, where it is', async () => {
    const space = new AtomSpace({ types: new TypeRegistry() });
    await expect(loadAtomese(space, [read('Mid-level-ontology.scm')], { atomic: true })).rejects.toMatchObject({
      line: 4420,
      column: 8,
      reason: expect.stringContaining("unknown atom type 'PredictiveImplicationLink': declare it first"),
    });
    expect(space.size).toBe(0);
  });
});
