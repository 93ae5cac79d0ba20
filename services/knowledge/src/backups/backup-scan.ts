import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ServiceError } from '@ai-opencog/protocol';
import { BACKUP_FORMAT, BACKUP_VERSION } from '@ai-opencog/storage';

/** What a backup file holds, found by reading it through. */
export interface BackupContents {
  createdAt: string;
  bases: string[];
  atomCount: number;
}

/**
 * Reads a backup file (storage's JSON lines format) and checks its structure: the header, each
 * base's records with as many atoms as its end record says, and the end record. It does not check
 * the atoms themselves (a restore does, before it changes anything). A bad file is BAD_REQUEST
 * naming the line.
 */
export async function scanBackup(path: string): Promise<BackupContents> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let n = 0;
  const fail = (reason: string): never => {
    throw new ServiceError('BAD_REQUEST', `not a valid backup: line ${n}: ${reason}`, { line: n, reason });
  };
  let header: { createdAt: string } | undefined;
  let section: { name: string; atoms: number; announced: number } | undefined;
  let ended = false;
  const bases: string[] = [];
  let atomCount = 0;
  try {
    for await (const text of lines) {
      n++;
      if (text.trim() === '') continue;
      if (ended) fail('text after the end record');
      if (header && section && text.startsWith('{"atom":')) {
        section.atoms++;
        continue;
      }
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return fail('not JSON');
      }
      if (record === null || typeof record !== 'object') fail('not a JSON object');
      if (!header) {
        if (record.format !== BACKUP_FORMAT || record.version !== BACKUP_VERSION) fail(`not an ${BACKUP_FORMAT} version ${BACKUP_VERSION} header`);
        header = { createdAt: typeof record.createdAt === 'string' ? record.createdAt : new Date(0).toISOString() };
      } else if ('atom' in record) {
        if (!section) fail('an atom outside a base');
        section!.atoms++;
      } else if ('base' in record) {
        if (section) fail('a base inside a base');
        const b = record.base as { name?: unknown; atomCount?: unknown } | null;
        if (!b || typeof b.name !== 'string' || typeof b.atomCount !== 'number') fail('a base record without name and atomCount');
        section = { name: b!.name as string, atoms: 0, announced: b!.atomCount as number };
      } else if ('baseEnd' in record) {
        if (!section) fail('a base end outside a base');
        const e = record.baseEnd as { name?: unknown; atomCount?: unknown } | null;
        if (e?.name !== section!.name || e?.atomCount !== section!.atoms || section!.atoms !== section!.announced) {
          fail(`base ${section!.name}: the backup announces ${section!.announced} atoms and holds ${section!.atoms}`);
        }
        bases.push(section!.name);
        atomCount += section!.atoms;
        section = undefined;
      } else if ('end' in record) {
        if (section) fail('the end inside a base');
        if ((record.end as { bases?: unknown } | null)?.bases !== bases.length) fail(`the end record does not count the ${bases.length} bases`);
        ended = true;
      } else {
        fail('an unknown record');
      }
    }
  } finally {
    lines.close();
  }
  if (!header) throw new ServiceError('BAD_REQUEST', 'not a valid backup: it is empty');
  if (!ended) throw new ServiceError('BAD_REQUEST', 'not a valid backup: it is truncated (no end record)');
  return { createdAt: header.createdAt, bases, atomCount };
}
