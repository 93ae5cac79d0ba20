import type { AtomListPage, AtomListRequest, AtomSource, SourceDetail, SourceSummary } from '../src/common/ai-opencog-protocol';
import { AiOpencogError } from '../src/common/ai-opencog-errors';
import { AtomspaceExplorerModel, type ExplorerBackend } from '../src/browser/atomspace-explorer-model';

/* The explorer's model against a scripted backend: what it asks for and what state it shows. */

const concept = (name: string) => ({ handle: `h-${name}`, atom: { type: 'ConceptNode', name } });

function backend(total = 250): ExplorerBackend & { calls: AtomListRequest[]; gate?: Promise<void> } {
  const atoms = Array.from({ length: total }, (_, i) => concept(`c${i}`));
  const calls: AtomListRequest[] = [];
  const b: ExplorerBackend & { calls: AtomListRequest[]; gate?: Promise<void> } = {
    calls,
    listSources: async (): Promise<SourceSummary[]> => [
      { source: { kind: 'base', name: 'kb' }, atomCount: 3 },
      { source: { kind: 'space', name: 'default' }, atomCount: total },
      { source: { kind: 'space', name: 'other' }, atomCount: 0 },
    ],
    getSource: async (source: AtomSource): Promise<SourceDetail> => ({ source, atomCount: total, typeCounts: [{ type: 'ConceptNode', count: total }] }),
    listAtoms: async (r: AtomListRequest): Promise<AtomListPage> => {
      calls.push(r);
      if (b.gate) await b.gate;
      const matching = r.search ? atoms.filter((a) => a.atom.name.includes(r.search!)) : atoms;
      const items = matching.slice(r.offset, r.offset + r.limit);
      return { items, offset: r.offset, total: matching.length, hasMore: r.offset + r.limit < matching.length };
    },
    getAtomDetails: async (space, ref) => ({
      space,
      handle: (ref as { handle: string }).handle,
      atom: { type: 'ConceptNode', name: 'c1', tv: { strength: 0.5, confidence: 0.5 } },
      atomese: '(ConceptNode "c1" (stv 0.5 0.5))',
      incomingCount: 0,
      incoming: [],
      outgoing: [],
    }),
    removeAtom: async () => 1,
  };
  return b;
}

describe('AtomspaceExplorerModel', () => {
  it('selects the first space, with its type counts and first page', async () => {
    const model = new AtomspaceExplorerModel(backend(), 100);
    await model.refresh();
    expect(model.state.source).toEqual({ kind: 'space', name: 'default' });
    expect(model.state.detail?.typeCounts).toEqual([{ type: 'ConceptNode', count: 250 }]);
    expect(model.state.page?.items).toHaveLength(100);
    expect(model.pageLabel()).toBe('1–100 of 250');
    expect(model.canGoBack).toBe(false);
  });

  it('pages forward and back', async () => {
    const model = new AtomspaceExplorerModel(backend(), 100);
    await model.refresh();
    await model.nextPage();
    await model.nextPage();
    expect(model.pageLabel()).toBe('201–250 of 250');
    expect(model.canGoForward).toBe(false);
    await model.previousPage();
    expect(model.state.offset).toBe(100);
  });

  it('searches and filters by type from the first page', async () => {
    const b = backend();
    const model = new AtomspaceExplorerModel(b, 100);
    await model.refresh();
    await model.nextPage();
    await model.setSearch('c12');
    expect(b.calls[b.calls.length - 1]).toMatchObject({ search: 'c12', offset: 0 });
    expect(model.state.page?.items.map((i) => i.atom.name)).toEqual(['c12', 'c120', 'c121', 'c122', 'c123', 'c124', 'c125', 'c126', 'c127', 'c128', 'c129']);
    await model.setTypeFilter('ConceptNode');
    expect(b.calls[b.calls.length - 1]).toMatchObject({ type: 'ConceptNode', search: 'c12', offset: 0 });
  });

  it('drops an answer that a newer request overtook', async () => {
    const b = backend();
    const model = new AtomspaceExplorerModel(b, 10);
    await model.refresh();
    let release!: () => void;
    b.gate = new Promise((r) => (release = r));
    const slow = model.setSearch('c1');
    b.gate = undefined;
    await model.setSearch('c2');
    release();
    await slow;
    expect(model.state.search).toBe('c2');
    expect(model.state.page?.items.every((i) => i.atom.name!.includes('c2'))).toBe(true);
  });

  it('keeps the selected source over a refresh, and switches to a knowledge base', async () => {
    const model = new AtomspaceExplorerModel(backend(), 10);
    await model.refresh({ kind: 'space', name: 'other' });
    expect(model.state.source?.name).toBe('other');
    await model.refresh();
    expect(model.state.source?.name).toBe('other');
    await model.selectSource({ kind: 'base', name: 'kb' });
    expect(model.state.source).toEqual({ kind: 'base', name: 'kb' });
  });

  it('loads the details of the selected atom in a space', async () => {
    const model = new AtomspaceExplorerModel(backend(), 10);
    await model.refresh();
    await model.selectAtom(concept('c1'));
    expect(model.state.details?.atomese).toBe('(ConceptNode "c1" (stv 0.5 0.5))');
  });

  it('shows a service failure as a readable message, not a stack', async () => {
    const b = backend();
    b.listSources = async () => {
      throw AiOpencogError('cannot reach http://127.0.0.1:1/v1/spaces: fetch failed', { code: 'UNAVAILABLE', status: 0, action: 'list the spaces and knowledge bases' });
    };
    const model = new AtomspaceExplorerModel(b, 10);
    await model.refresh();
    expect(model.state.error).toMatch(/^Could not list the spaces and knowledge bases: cannot reach .* Is it running\?/);
    expect(model.state.error).not.toMatch(/\n\s+at /);
  });

  it('drops the selection when a refresh finds the atom gone', async () => {
    const b = backend();
    const model = new AtomspaceExplorerModel(b, 10);
    await model.refresh();
    await model.selectAtom(concept('c1'));
    expect(model.state.details).toBeDefined();
    b.getAtomDetails = async () => {
      throw AiOpencogError('no atom h-c1 in space default', { code: 'ATOM_NOT_FOUND', status: 404 });
    };
    await model.refresh();
    expect(model.state.selected).toBeUndefined();
    expect(model.state.error).toBeUndefined();
  });
});
