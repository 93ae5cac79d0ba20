import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LIMITS, ServiceError, type BackupInfo } from '@ai-opencog/protocol';
import type { Logger } from '@ai-opencog/service-kit';
import { scanBackup } from './backup-scan';

const BACKUP_FILE = new RegExp(`^([A-Za-z0-9][A-Za-z0-9._-]{0,${LIMITS.resourceName - 1}})\\.jsonl$`);

interface Sidecar extends BackupInfo {
  /** The backup file's size and modification time when the sidecar was written. */
  fileMtimeMs: number;
}

/**
 * The backups in BACKUP_DIR: `<name>.jsonl` in storage's backup format, each with a sidecar
 * `<name>.info.json` (bases, atom count, size, time, description) written when the backup is made
 * or uploaded, or remade by reading the file when it is missing or stale (e.g. a file an operator
 * copied in, or one the CLI wrote). Files are written under a temporary name (starting with a dot,
 * so never listed), synced to disk and then renamed, so a backup is either whole or absent.
 */
export class BackupCatalog {
  constructor(
    readonly dir: string,
    private readonly log: Logger,
  ) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  file(name: string): string {
    return join(this.dir, `${name}.jsonl`);
  }

  /** Every readable backup, newest first. */
  async list(): Promise<BackupInfo[]> {
    const names = (await readdir(this.dir)).map((f) => BACKUP_FILE.exec(f)?.[1]).filter((n): n is string => n !== undefined);
    const infos: BackupInfo[] = [];
    for (const name of names) {
      try {
        infos.push(await this.info(name));
      } catch (e) {
        this.log.warn({ err: e, backup: name }, 'a file in the backup folder is not a readable backup; left out');
      }
    }
    return infos.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name.localeCompare(b.name)));
  }

  /** BACKUP_NOT_FOUND unless the backup exists. */
  async info(name: string): Promise<BackupInfo> {
    const fileStat = await this.statOf(name);
    const sidecar = await this.readSidecar(name);
    if (sidecar && sidecar.sizeBytes === fileStat.size && sidecar.fileMtimeMs === fileStat.mtimeMs) return publicInfo(sidecar);
    const contents = await scanBackup(this.file(name));
    return this.writeSidecar(name, { ...contents, sizeBytes: fileStat.size, description: sidecar?.description }, fileStat.mtimeMs);
  }

  async exists(name: string): Promise<boolean> {
    return stat(this.file(name)).then(
      () => true,
      () => false,
    );
  }

  /** A name for a new backup of `base` (or of all bases), unused so far. */
  async newName(base: string | undefined): Promise<string> {
    const stamp = new Date().toISOString().replace(/:/g, '-');
    const stem = `${(base ?? 'all').slice(0, LIMITS.resourceName - stamp.length - 4)}-${stamp}`;
    for (let i = 1; ; i++) {
      const name = i === 1 ? stem : `${stem}-${i}`;
      if (!(await this.exists(name))) return name;
    }
  }

  /** Writes a new backup from `text` (lines of the backup format), then describes it. CONFLICT if the name is taken. */
  async write(name: string, text: AsyncIterable<string | Buffer>, options: { description?: string; limitBytes?: number } = {}): Promise<BackupInfo> {
    if (await this.exists(name)) throw conflict(name);
    const temp = join(this.dir, `.${name}.${randomBytes(6).toString('hex')}.partial`);
    const handle = await open(temp, 'wx');
    let size = 0;
    try {
      for await (const chunk of text) {
        size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        if (options.limitBytes !== undefined && size > options.limitBytes) {
          throw new ServiceError('PAYLOAD_TOO_LARGE', `the backup is larger than ${options.limitBytes} bytes`, { limit: options.limitBytes });
        }
        if (typeof chunk === 'string') await handle.write(chunk);
        else await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      const contents = await scanBackup(temp);
      if (await this.exists(name)) throw conflict(name);
      await rename(temp, this.file(name));
      const fileStat = await stat(this.file(name));
      return await this.writeSidecar(name, { ...contents, sizeBytes: fileStat.size, description: options.description }, fileStat.mtimeMs);
    } catch (e) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw e;
    }
  }

  /** The backup's text, streamed. BACKUP_NOT_FOUND. */
  async openRead(name: string): Promise<{ stream: ReadStream; size: number }> {
    const fileStat = await this.statOf(name);
    return { stream: createReadStream(this.file(name), { highWaterMark: 1 << 20 }), size: fileStat.size };
  }

  async remove(name: string): Promise<void> {
    await this.statOf(name);
    await unlink(this.file(name));
    await unlink(this.sidecarFile(name)).catch(() => undefined);
  }

  private async statOf(name: string) {
    try {
      const s = await stat(this.file(name));
      if (!s.isFile()) throw new Error('not a file');
      return s;
    } catch {
      throw new ServiceError('BACKUP_NOT_FOUND', `no backup ${name}`);
    }
  }

  private sidecarFile(name: string): string {
    return join(this.dir, `${name}.info.json`);
  }

  private async readSidecar(name: string): Promise<Sidecar | undefined> {
    try {
      return JSON.parse(await readFile(this.sidecarFile(name), 'utf8')) as Sidecar;
    } catch {
      return undefined;
    }
  }

  private async writeSidecar(
    name: string,
    info: { createdAt: string; bases: string[]; atomCount: number; sizeBytes: number; description?: string },
    fileMtimeMs: number,
  ): Promise<BackupInfo> {
    const sidecar: Sidecar = {
      name,
      bases: info.bases,
      atomCount: info.atomCount,
      sizeBytes: info.sizeBytes,
      createdAt: info.createdAt,
      ...(info.description ? { description: info.description } : {}),
      fileMtimeMs,
    };
    await writeFile(this.sidecarFile(name), `${JSON.stringify(sidecar)}\n`).catch((e: unknown) =>
      this.log.warn({ err: e, backup: name }, 'could not write the description of a backup; it will be read again from the file'),
    );
    return publicInfo(sidecar);
  }
}

function publicInfo(s: Sidecar): BackupInfo {
  const { fileMtimeMs: _, ...info } = s;
  return info;
}

function conflict(name: string): ServiceError {
  return new ServiceError('CONFLICT', `a backup named ${name} exists already; delete it first or choose another name`);
}
