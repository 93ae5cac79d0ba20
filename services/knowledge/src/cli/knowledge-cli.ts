import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ServiceError } from '@ai-opencog/protocol';
import { ConfigError, loadConfig } from '@ai-opencog/service-kit';
import { isStorageError, openAtomStore, restoreBackup, writeBackupFile, type AtomStore } from '@ai-opencog/storage';
import { ProgressBar, type TextSink } from '@ai-opencog/terminal';
import { Command, CommanderError, Option } from 'commander';
import { buildTypeRegistry } from '../atom-types';
import { scanBackup } from '../backups/backup-scan';
import { BaseCatalog } from '../bases/base-catalog';
import { checkClientBaseName } from '../bases/internal-bases';
import { storageConfigOf, storeConfigSchema, type StoreSettings } from '../config';
import { PointInTime } from '../history/point-in-time';

/** Where the CLI writes (process streams in main.ts, strings in tests). */
export interface CliIo {
  stdout: TextSink;
  /** Progress bars are drawn here when it is a terminal. */
  stderr: TextSink;
  /** Aborted on Ctrl-C: a backup or restore stops, leaves nothing half done, and exits 130. */
  signal?: AbortSignal;
}

export const EXIT_OK = 0;
/** The command failed: storage unreachable, a base or file that does not exist, a bad backup... */
export const EXIT_FAILED = 1;
/** Bad usage or configuration. */
export const EXIT_USAGE = 2;
/** Cancelled (Ctrl-C), as shells report SIGINT. */
export const EXIT_CANCELLED = 130;

const VERSION = '0.1.0';

/**
 * `ai-opencog-knowledge`: the operator's tool for the knowledge service's storage, working
 * directly on the store the environment names (the service's variables: DATA_DIR, DATABASE_URL,
 * NEO4J_URL...), e.g. from the backup CronJob. With PGlite, stop the service first: one process
 * opens a data folder at a time. Resolves to the exit status.
 */
export async function runKnowledgeCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let store: AtomStore | undefined;
  const open = async (): Promise<AtomStore> => {
    const settings: StoreSettings = loadConfig(storeConfigSchema(), env);
    store = await openAtomStore(storageConfigOf(settings), buildTypeRegistry(settings));
    return store;
  };
  const print = (json: boolean, value: unknown, text: string) => io.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);

  const program = new Command('ai-opencog-knowledge')
    .description('Back up, restore and list the knowledge bases of the AI-OpenCog knowledge service, on the store its environment names.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(run 'ai-opencog-knowledge --help' for usage)")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('list')
    .description('list the knowledge bases: name, atoms, journal position, last change')
    .option('--json', 'one JSON object per base')
    .action(async (options: { json?: boolean }) => {
      const bases = await new BaseCatalog(await open()).list();
      for (const b of bases) print(Boolean(options.json), b, `${b.name}\t${b.atomCount} atoms\tjournal ${b.journalSeq}\tupdated ${b.updatedAt}`);
      if (bases.length === 0 && !options.json) io.stdout.write('no knowledge bases\n');
    });

  program
    .command('backup')
    .description('write a full backup (JSON lines) of one knowledge base or of all of them')
    .addOption(new Option('--base <name>', 'the knowledge base to back up').conflicts('all'))
    .addOption(new Option('--all', 'every knowledge base').conflicts('base'))
    .requiredOption('--out <file>', 'the backup file to write (replaced when the backup is complete)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { base?: string; all?: boolean; out: string; json?: boolean }) => {
      if (!options.base && !options.all) throw new CommanderError(EXIT_USAGE, 'usage', 'error: give --base NAME or --all');
      const s = await open();
      const catalog = new BaseCatalog(s);
      const infos = options.base ? [await catalog.require(options.base)] : await catalog.list();
      const bar = new ProgressBar(io.stderr, `backup to ${basename(options.out)}`, infos.reduce((n, b) => n + b.atomCount, 0), Date.now, 'atoms');
      // Written aside and renamed once synced: the file is whole or absent.
      const temp = join(dirname(options.out), `.${basename(options.out)}.${randomBytes(4).toString('hex')}.partial`);
      try {
        await writeBackupFile(s, temp, { bases: infos.map((b) => b.name), onProgress: (n) => bar.update(n), signal: io.signal });
        await rename(temp, options.out);
      } catch (e) {
        await unlink(temp).catch(() => undefined);
        throw e;
      } finally {
        bar.finish();
      }
      const contents = await scanBackup(options.out);
      print(Boolean(options.json), { file: options.out, ...contents }, `backed up ${contents.bases.length} knowledge base(s), ${contents.atomCount} atoms, to ${options.out}`);
    });

  program
    .command('restore')
    .description('restore from a backup file (--in), or a knowledge base to a point in time from its journal (--base with --to-time or --to-seq)')
    .addOption(new Option('--in <file>', 'the backup file to restore every base of').conflicts(['base', 'toTime', 'toSeq']))
    .option('--base <name>', 'the knowledge base to bring back to a point in time')
    .addOption(new Option('--to-time <iso>', 'the point: a time (ISO 8601), the last change at or before it').conflicts('toSeq'))
    .option('--to-seq <n>', 'the point: a journal sequence number')
    .option('--into <name>', 'restore into a base of this name (one base only) instead of over the original')
    .option('--overwrite', 'replace existing knowledge bases (restoring over the original needs it)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { in?: string; base?: string; toTime?: string; toSeq?: string; into?: string; overwrite?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      if (options.in !== undefined) {
        const contents = await scanBackup(options.in);
        const into = options.into;
        if (into !== undefined) {
          checkClientBaseName(into);
          if (contents.bases.length !== 1) throw new CommanderError(EXIT_USAGE, 'usage', `error: --into needs a backup of one base; ${options.in} holds ${contents.bases.length}`);
        }
        const bar = new ProgressBar(io.stderr, `restore from ${basename(options.in)}`, (await stat(options.in)).size);
        let restored;
        try {
          restored = await restoreBackup(await open(), fileChunks(options.in, bar, io.signal), {
            ...(into !== undefined ? { rename: () => into } : {}),
            replace: Boolean(options.overwrite),
          });
        } finally {
          bar.finish();
        }
        for (const b of restored) print(json, { name: b.name, atomCount: b.atomCount }, `restored ${b.name}: ${b.atomCount} atoms`);
        return;
      }
      if (options.base === undefined || (options.toTime === undefined && options.toSeq === undefined)) {
        throw new CommanderError(EXIT_USAGE, 'usage', 'error: give --in FILE, or --base NAME with --to-time ISO or --to-seq N');
      }
      const point = options.toSeq !== undefined ? { sequence: parseSequence(options.toSeq) } : { timestamp: parseTime(options.toTime!) };
      const s = await open();
      const result = await new PointInTime(s, new BaseCatalog(s)).restore({
        base: options.base,
        ...point,
        ...(options.into !== undefined ? { target: options.into } : {}),
        overwrite: Boolean(options.overwrite),
      });
      for (const b of result.bases) print(json, b, `restored ${b.name}: ${b.atomCount} atoms`);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      if (e.code === 'usage') io.stderr.write(`${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ConfigError) {
      io.stderr.write(`ai-opencog-knowledge: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (io.signal?.aborted) {
      io.stderr.write('ai-opencog-knowledge: cancelled; nothing was changed and no backup file was left\n');
      return EXIT_CANCELLED;
    }
    io.stderr.write(`ai-opencog-knowledge: ${describe(e)}\n`);
    return EXIT_FAILED;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/**
 * The backup file's text in 1 MiB chunks, advancing the bar by bytes read; an abort ends it with
 * the signal's reason (the restore then discards what it built: no base changes).
 */
async function* fileChunks(path: string, bar: ProgressBar, signal: AbortSignal | undefined): AsyncIterable<string> {
  let bytes = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    signal?.throwIfAborted();
    bytes += Buffer.byteLength(chunk as string);
    bar.update(bytes);
    yield chunk as string;
  }
}

function describe(e: unknown): string {
  if (e instanceof ServiceError || isStorageError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string') return `${(e as { code: string }).code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

function parseSequence(text: string): number {
  if (!/^\d+$/.test(text)) throw new CommanderError(EXIT_USAGE, 'usage', `error: --to-seq must be a non-negative integer, got '${text}'`);
  return Number(text);
}

function parseTime(text: string): string {
  const t = new Date(text);
  if (Number.isNaN(t.getTime())) throw new CommanderError(EXIT_USAGE, 'usage', `error: --to-time must be an ISO 8601 time, got '${text}'`);
  return t.toISOString();
}
