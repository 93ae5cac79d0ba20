import { Emitter, type Event } from '@theia/core/lib/common/event';
import type {
  AiOpencogService,
  AtomDetails,
  AtomListPage,
  AtomRecord,
  AtomSource,
  SourceDetail,
  SourceSummary,
} from '../common/ai-opencog-protocol';
import { describeError, failureOf } from '../common/ai-opencog-errors';

/*
 * What the AtomSpace explorer shows, apart from how: the spaces and knowledge bases, the selected
 * one's type counts, a page of its atoms (by type, by search), the selected atom with its values,
 * incoming and outgoing atoms. Every change fires onDidChange; an answer that arrives after a newer
 * request was made is dropped, so fast clicks never show stale atoms.
 */

export type ExplorerBackend = Pick<AiOpencogService, 'listSources' | 'getSource' | 'listAtoms' | 'getAtomDetails' | 'removeAtom'>;

export interface ExplorerState {
  sources: SourceSummary[];
  source?: AtomSource;
  detail?: SourceDetail;
  typeFilter?: string;
  search: string;
  offset: number;
  page?: AtomListPage;
  selected?: AtomRecord;
  details?: AtomDetails;
  loading: boolean;
  error?: string;
}

export function sameSource(a: AtomSource | undefined, b: AtomSource | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.name === b.name;
}

export class AtomspaceExplorerModel {
  private readonly onDidChangeEmitter = new Emitter<ExplorerState>();
  readonly onDidChange: Event<ExplorerState> = this.onDidChangeEmitter.event;
  private current: ExplorerState = { sources: [], search: '', offset: 0, loading: false };
  private generation = 0;
  private detailGeneration = 0;

  constructor(
    private readonly backend: ExplorerBackend,
    public pageSize = 100,
  ) {}

  get state(): ExplorerState {
    return this.current;
  }

  /** Reloads the list of sources and the selected one (the first space when none is selected). */
  async refresh(prefer?: AtomSource): Promise<void> {
    const g = ++this.generation;
    this.update({ loading: true, error: undefined });
    try {
      const sources = await this.backend.listSources();
      if (g !== this.generation) return;
      const wanted = prefer ?? this.current.source;
      const keep = sources.find((s) => sameSource(s.source, wanted))?.source;
      const source = keep ?? sources.find((s) => s.source.kind === 'space')?.source ?? sources[0]?.source;
      const changed = !sameSource(source, this.current.source);
      this.update({ sources, source, ...(changed ? { typeFilter: undefined, search: '', offset: 0, selected: undefined, details: undefined } : {}) });
      if (source) await Promise.all([this.loadSource(g), this.revalidateSelection()]);
      else this.update({ detail: undefined, page: undefined, loading: false });
    } catch (error) {
      if (g === this.generation) this.update({ loading: false, error: describeError(error) });
    }
  }

  async selectSource(source: AtomSource): Promise<void> {
    const g = ++this.generation;
    this.update({ source, typeFilter: undefined, search: '', offset: 0, selected: undefined, details: undefined, detail: undefined, page: undefined });
    await this.loadSource(g);
  }

  async setTypeFilter(type: string | undefined): Promise<void> {
    const g = ++this.generation;
    this.update({ typeFilter: type, offset: 0 });
    await this.loadPage(g);
  }

  async setSearch(search: string): Promise<void> {
    const g = ++this.generation;
    this.update({ search, offset: 0 });
    await this.loadPage(g);
  }

  get canGoBack(): boolean {
    return this.current.offset > 0;
  }

  get canGoForward(): boolean {
    return !!this.current.page?.hasMore;
  }

  async nextPage(): Promise<void> {
    if (!this.canGoForward) return;
    const g = ++this.generation;
    this.update({ offset: this.current.offset + this.pageSize });
    await this.loadPage(g);
  }

  async previousPage(): Promise<void> {
    if (!this.canGoBack) return;
    const g = ++this.generation;
    this.update({ offset: Math.max(0, this.current.offset - this.pageSize) });
    await this.loadPage(g);
  }

  /** "1–100 of 2,000", "no atoms", "1–100 of many". */
  pageLabel(): string {
    const page = this.current.page;
    if (!page) return '';
    if (page.items.length === 0) return this.current.search ? 'no atom matches' : 'no atoms';
    const from = page.offset + 1;
    const to = page.offset + page.items.length;
    const total = page.total !== undefined ? page.total.toLocaleString('en-US') : page.hasMore ? 'more' : to.toLocaleString('en-US');
    return `${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')} of ${total}${page.truncated ? ' (search stopped early)' : ''}`;
  }

  /** Selects an atom and, in a space, reads its values and its incoming and outgoing atoms. */
  async selectAtom(record: AtomRecord | undefined): Promise<void> {
    const g = ++this.detailGeneration;
    this.update({ selected: record, details: undefined });
    const source = this.current.source;
    if (!record || source?.kind !== 'space') return;
    try {
      const details = await this.backend.getAtomDetails(source.name, { handle: record.handle });
      if (g === this.detailGeneration) this.update({ details });
    } catch (error) {
      if (g === this.detailGeneration) this.update({ error: describeError(error) });
    }
  }

  /** Reads the selected atom again; drops the selection when the atom is gone from the space. */
  private async revalidateSelection(): Promise<void> {
    const { selected, source } = this.current;
    if (!selected || source?.kind !== 'space') return;
    const g = ++this.detailGeneration;
    try {
      const details = await this.backend.getAtomDetails(source.name, { handle: selected.handle });
      if (g === this.detailGeneration) this.update({ details });
    } catch (error) {
      if (g !== this.detailGeneration) return;
      if (failureOf(error)?.code === 'ATOM_NOT_FOUND') this.update({ selected: undefined, details: undefined });
      else this.update({ error: describeError(error) });
    }
  }

  /** Removes the selected atom (and, when recursive, the links holding it); returns how many went. */
  async removeAtom(record: AtomRecord, recursive: boolean): Promise<number> {
    const source = this.current.source;
    if (source?.kind !== 'space') throw new Error('atoms can be removed from spaces only');
    const removed = await this.backend.removeAtom(source.name, record.handle, recursive);
    if (this.current.selected?.handle === record.handle) this.update({ selected: undefined, details: undefined });
    const g = ++this.generation;
    await this.loadSource(g);
    return removed;
  }

  private async loadSource(g: number): Promise<void> {
    const source = this.current.source;
    if (!source) return;
    this.update({ loading: true, error: undefined });
    try {
      const [detail, page] = await Promise.all([this.backend.getSource(source), this.fetchPage()]);
      if (g !== this.generation) return;
      this.update({ detail, page, loading: false });
    } catch (error) {
      if (g === this.generation) this.update({ loading: false, error: describeError(error) });
    }
  }

  private async loadPage(g: number): Promise<void> {
    if (!this.current.source) return;
    this.update({ loading: true, error: undefined });
    try {
      const page = await this.fetchPage();
      if (g === this.generation) this.update({ page, loading: false });
    } catch (error) {
      if (g === this.generation) this.update({ loading: false, error: describeError(error) });
    }
  }

  private fetchPage(): Promise<AtomListPage> {
    const { source, typeFilter, search, offset } = this.current;
    return this.backend.listAtoms({ source: source!, ...(typeFilter ? { type: typeFilter } : {}), ...(search ? { search } : {}), offset, limit: this.pageSize });
  }

  private update(patch: Partial<ExplorerState>): void {
    this.current = { ...this.current, ...patch };
    this.onDidChangeEmitter.fire(this.current);
  }
}
