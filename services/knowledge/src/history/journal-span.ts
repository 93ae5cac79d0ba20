import type { JournalInfo } from '@ai-opencog/protocol';
import type { AtomStore } from '@ai-opencog/storage';
import type { BaseCatalog } from '../bases/base-catalog';

/** The span of a base's change journal (first and last entries), for choosing a point in time. */
export async function journalSpan(store: AtomStore, bases: BaseCatalog, base: string): Promise<JournalInfo> {
  const info = await bases.require(base);
  if (info.journalSeq === 0) return { base, firstSequence: 0, lastSequence: 0 };
  const [first] = await store.readJournal(base, { afterSeq: 0, limit: 1 });
  const [last] = await store.readJournal(base, { afterSeq: info.journalSeq - 1, limit: 1 });
  return {
    base,
    firstSequence: first?.seq ?? 0,
    lastSequence: last?.seq ?? info.journalSeq,
    ...(first ? { firstTimestamp: first.at } : {}),
    ...(last ? { lastTimestamp: last.at } : {}),
  };
}
