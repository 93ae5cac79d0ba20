import { createReadStream } from 'node:fs';
import { ServiceError, type BackupInfo, type RestoreResult } from '@ai-opencog/protocol';
import type { JobContext } from '@ai-opencog/service-kit';
import { restoreBackup, writeBackup, type AtomStore } from '@ai-opencog/storage';
import type { BaseCatalog } from '../bases/base-catalog';
import { yieldToEventLoop } from '../event-loop';
import { checkClientBaseName } from '../bases/internal-bases';
import type { BackupCatalog } from './backup-catalog';
import { selectBases } from './backup-select';

export interface BackupRequest {
  base?: string;
  description?: string;
}

export interface BackupRestoreRequest {
  backup: string;
  bases?: string[];
  target?: string;
  overwrite: boolean;
}

export interface BackupsDeps {
  catalog: BackupCatalog;
  bases: BaseCatalog;
  /** Restores write through it (so caches drop what they held of the bases replaced). */
  store: AtomStore;
  /** Backups read through it. */
  bulk: AtomStore;
}

/**
 * Full backups of one base or all of them into BACKUP_DIR (storage's backup format, each base
 * read from a snapshot taken for the backup, so it is consistent while writers go on), and
 * restores from them: all bases of a backup or some, under their names or (one base) another,
 * replacing existing bases only when asked. A restore builds every base aside and gives them
 * their names only once the whole backup has been read and checked, so a bad backup changes
 * nothing.
 */
export class Backups {
  constructor(private readonly deps: BackupsDeps) {}

  /** Checks a backup request before its job is started: BASE_NOT_FOUND. */
  async checkBackup(request: BackupRequest): Promise<void> {
    if (request.base !== undefined) await this.deps.bases.check(request.base);
  }

  async backup(request: BackupRequest, job: JobContext): Promise<BackupInfo> {
    const { bases, catalog, bulk } = this.deps;
    const infos = request.base !== undefined ? [await bases.require(request.base)] : await bases.list();
    const total = infos.reduce((sum, b) => sum + b.atomCount, 0);
    const name = await catalog.newName(request.base);
    let done = 0;
    job.progress(0, total, `backup ${name}: 0 of ${total} atoms written`);
    async function* text(): AsyncIterable<string> {
      for await (const chunk of writeBackup(bulk, { bases: infos.map((b) => b.name) })) {
        if (job.signal.aborted) throw job.signal.reason;
        done += countAtomLines(chunk);
        job.progress(done, total, `backup ${name}: ${done} of ${total} atoms written`);
        yield chunk;
        await yieldToEventLoop();
      }
    }
    const info = await catalog.write(name, text(), { description: request.description });
    job.log.info({ backup: name, bases: info.bases.length, atoms: info.atomCount, bytes: info.sizeBytes }, 'backup written');
    return info;
  }

  /** Checks a restore request before its job is started: BACKUP_NOT_FOUND, BASE_NOT_FOUND, CONFLICT. */
  async checkRestore(request: BackupRestoreRequest): Promise<BackupInfo> {
    const info = await this.deps.catalog.info(request.backup);
    const missing = (request.bases ?? []).filter((b) => !info.bases.includes(b));
    if (missing.length > 0) throw new ServiceError('BASE_NOT_FOUND', `backup ${request.backup} holds no knowledge base ${missing.join(', ')}`);
    const targets = request.target !== undefined ? [request.target] : (request.bases ?? info.bases);
    for (const name of targets) checkClientBaseName(name);
    if (!request.overwrite) {
      for (const name of targets) {
        const exists = await this.deps.store.getBase(name).then(
          () => true,
          () => false,
        );
        if (exists) throw new ServiceError('CONFLICT', `knowledge base ${name} exists: restore with overwrite: true to replace it, or into another target`);
      }
    }
    return info;
  }

  async restore(request: BackupRestoreRequest, job: JobContext): Promise<RestoreResult> {
    const info = await this.checkRestore(request);
    const total = request.bases ? undefined : info.atomCount;
    let done = 0;
    const source = createReadStream(this.deps.catalog.file(request.backup), { encoding: 'utf8', highWaterMark: 1 << 20 });
    async function* text(): AsyncIterable<string> {
      for await (const chunk of selectBases(source as AsyncIterable<string>, request.bases, () => done++)) {
        if (job.signal.aborted) throw job.signal.reason;
        job.progress(done, total ?? 0, `restore from ${request.backup}: ${done} atoms read`);
        yield chunk;
        await yieldToEventLoop();
      }
    }
    try {
      const restored = await restoreBackup(this.deps.store, text(), {
        ...(request.target !== undefined ? { rename: () => request.target! } : {}),
        replace: request.overwrite,
      });
      return { bases: restored.map((b) => ({ name: b.name, atomCount: b.atomCount })) };
    } finally {
      source.destroy();
    }
  }
}

function countAtomLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('{"atom":'); i !== -1; i = text.indexOf('{"atom":', i + 8)) n++;
  return n;
}
