import { AtomSpaceError, type TypeRegistry } from '@ai-opencog/atomspace';
import type { AtomStore } from '@ai-opencog/storage';
import { AtomNester } from '../atoms/atom-nester';
import { AtomeseText } from '../atoms/atomese-text';
import { yieldToEventLoop } from '../event-loop';

export type ExportFormat = 'atomese' | 'jsonl';

export interface ExportOptions {
  format: ExportFormat;
  /** Only atoms of this type (full or short name)... */
  type?: string;
  /** ...or of its subtypes too. */
  subtypes: boolean;
  /** Atoms per read (default 1,000). */
  batchSize?: number;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  atomese: 'text/x-scheme; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * A base's atoms as text, a batch at a time: every atom once, in dependency order (an atom after
 * the atoms of its outgoing set), one atom a line — Atomese (`text/x-scheme`) or the kernel's JSON
 * (`application/x-ndjson`). Each line carries the atom's own values; its outgoing atoms are nested
 * without theirs (they have lines of their own, earlier), so importing the text back gives the
 * same atoms with the same values. The atoms are read in batches as the text is consumed; writes
 * made meanwhile may or may not show (take a snapshot for a fixed view).
 */
export class Exporter {
  private readonly text: AtomeseText;

  constructor(
    private readonly bulk: AtomStore,
    private readonly types: TypeRegistry,
  ) {
    this.text = new AtomeseText(types);
  }

  /** The type names an export selects, or undefined for all; UNKNOWN_TYPE for a type the registry lacks. */
  selectTypes(options: Pick<ExportOptions, 'type' | 'subtypes'>): Set<string> | undefined {
    if (options.type === undefined) return undefined;
    const t = this.types.find(options.type);
    if (!t) throw new AtomSpaceError('UNKNOWN_TYPE', `unknown atom type '${options.type}'`);
    return new Set((options.subtypes ? this.types.subtypesOf(t) : [t]).map((x) => x.name));
  }

  async *lines(base: string, options: ExportOptions): AsyncIterable<string> {
    const selected = this.selectTypes(options);
    const nester = new AtomNester((keys) => this.bulk.getAtoms(base, keys));
    if (options.format === 'atomese') yield `; knowledge base ${base}, exported ${new Date().toISOString()} by the AI-OpenCog knowledge service\n`;
    for await (const batch of this.bulk.exportAtoms(base, { batchSize: options.batchSize ?? 1_000 })) {
      const records = selected ? batch.filter((r) => selected.has(r.type)) : batch;
      if (records.length === 0) continue;
      await yieldToEventLoop();
      const atoms = await nester.nest(records);
      yield atoms.map((a) => `${options.format === 'atomese' ? this.text.write(a) : JSON.stringify(a)}\n`).join('');
    }
  }
}
