import { once } from 'node:events';
import {
  CONTENT_TYPES,
  ServiceError,
  type AtomJson,
  type AtomRecord,
  type BaseInfo,
  type CognitiveRoutes,
  type KnowledgeRoutes,
  type SpaceInfo,
} from '@ai-opencog/protocol';
import type { JobManager, RouteHandlers } from '../../src';
import { sleep } from './demo-service';

/*
 * Fakes of the two services over the protocol's real route tables: just enough in-memory
 * behaviour for the clients to be exercised end to end. Routes they do not fake answer 503.
 */

const notFaked = (): never => {
  throw new ServiceError('UNAVAILABLE', 'not in the fake');
};

const writeAtom = (a: AtomJson): string =>
  a.outgoing ? `(${a.type} ${a.outgoing.map(writeAtom).join(' ')})` : `(${a.type} ${JSON.stringify(a.name)})`;

export function fakeCognitive(jobs: JobManager): RouteHandlers<CognitiveRoutes> {
  const spaces = new Map<string, { info: SpaceInfo; atoms: AtomRecord[] }>();
  let nextHandle = 1;
  const space = (name: string) => {
    const s = spaces.get(name);
    if (!s) throw new ServiceError('SPACE_NOT_FOUND', `no space ${name}`);
    return s;
  };
  const record = (atom: AtomJson, atomese: boolean): AtomRecord => {
    const handle = String(nextHandle++);
    return atomese ? { handle, atom, atomese: writeAtom(atom) } : { handle, atom };
  };
  return {
    listSpaces: () => ({ spaces: [...spaces.values()].map((s) => s.info) }),
    createSpace: ({ body }) => {
      const name = body.name ?? `space-${spaces.size + 1}`;
      if (spaces.has(name)) throw new ServiceError('CONFLICT', `space ${name} exists`);
      const info: SpaceInfo = { name, atomCount: 0, createdAt: new Date().toISOString(), ...(body.description ? { description: body.description } : {}) };
      spaces.set(name, { info, atoms: [] });
      if (!body.load) return { space: info };
      const base = body.load.base;
      return { space: info, jobId: jobs.start('load', async () => ({ base, atomCount: 0 })) };
    },
    getSpace: ({ params }) => {
      const s = space(params.space);
      const counts = new Map<string, number>();
      for (const r of s.atoms) counts.set(r.atom.type, (counts.get(r.atom.type) ?? 0) + 1);
      return { ...s.info, typeCounts: [...counts].map(([type, count]) => ({ type, count })) };
    },
    dropSpace: ({ params }) => {
      space(params.space);
      spaces.delete(params.space);
    },
    loadSpace: ({ params, body }) => {
      space(params.space);
      return { jobId: jobs.start('load', async () => ({ base: body.base, atomCount: 0 })) };
    },
    saveSpace: ({ params, body }) => {
      const s = space(params.space);
      return { jobId: jobs.start('save', async () => ({ base: body.base, atomCount: s.atoms.length })) };
    },
    addAtoms: ({ params, body }) => {
      const s = space(params.space);
      if (body.atomese !== undefined) {
        throw new ServiceError('PARSE_ERROR', `${body.file ?? 'input'}:1:2: the fake reads JSON atoms only`, {
          file: body.file ?? 'input',
          line: 1,
          column: 2,
        });
      }
      const added = body.atoms!.map((a) => record(a, false));
      s.atoms.push(...added);
      s.info.atomCount = s.atoms.length;
      return { count: added.length, atoms: added, truncated: false };
    },
    listAtoms: ({ params, query }) => {
      const all = space(params.space).atoms.filter((r) => query.type === undefined || r.atom.type === query.type);
      const start = query.cursor !== undefined ? Number(query.cursor) : (query.offset ?? 0);
      const items = all.slice(start, start + query.limit).map((r) => (query.atomese ? { ...r, atomese: writeAtom(r.atom) } : r));
      const next = start + query.limit;
      return { items, total: all.length, ...(next < all.length ? { nextCursor: String(next) } : {}) };
    },
    lookupAtom: notFaked,
    getAtom: ({ params }) => {
      const found = space(params.space).atoms.find((r) => r.handle === params.handle);
      if (!found) throw new ServiceError('ATOM_NOT_FOUND', `no atom ${params.handle}`);
      return { ...found, incomingCount: 0 };
    },
    removeAtom: ({ params }) => {
      const s = space(params.space);
      const before = s.atoms.length;
      s.atoms = s.atoms.filter((r) => r.handle !== params.handle);
      return { removed: before - s.atoms.length };
    },
    runQuery: ({ params, body }) => {
      const atoms = space(params.space).atoms.map((r) => r.atom);
      if (body.query.startsWith('(Satisfaction')) return { kind: 'tv', complete: true, tv: { type: 'stv', strength: 1, confidence: 1 } };
      return { kind: 'set', complete: true, atoms, atomese: `(SetLink ${atoms.map(writeAtom).join(' ')})` };
    },
    forwardChain: ({ params, body }) => {
      space(params.space);
      return {
        jobId: jobs.start('forward-chain', async ({ progress, signal }) => {
          const iterations = body.maximumIterations ?? 3;
          for (let i = 1; i <= iterations; i++) {
            await sleep(5, signal);
            progress(i, iterations);
          }
          const conclusion = { type: 'InheritanceLink', outgoing: [{ type: 'ConceptNode', name: 'cat' }, { type: 'ConceptNode', name: 'animal' }] };
          return {
            results: [{ atom: conclusion, atomese: writeAtom(conclusion), tv: { type: 'stv' as const, strength: 0.8, confidence: 0.7 } }],
            iterations,
            stopReason: 'max-iterations' as const,
            complete: true,
            ...(body.trace
              ? { trace: [{ iteration: 1, rule: 'deduction-inheritance-rule', premises: [], conclusion, tv: { strength: 0.8, confidence: 0.7 } }] }
              : {}),
          };
        }),
      };
    },
    backwardChain: notFaked,
    mine: ({ params }) => {
      space(params.space);
      return {
        jobId: jobs.start('mine', async () => {
          throw new ServiceError('INVALID_QUERY', 'the initial pattern is not a LambdaLink');
        }),
      };
    },
    runAttention: notFaked,
    listJobs: ({ query }) => ({ jobs: jobs.list(query) }),
    getJob: ({ params }) => jobs.require(params.jobId),
    cancelJob: ({ params }) => jobs.cancel(params.jobId),
  };
}

export function fakeKnowledge(jobs: JobManager): RouteHandlers<KnowledgeRoutes> {
  const bases = new Map<string, { info: BaseInfo; lines: string[] }>();
  const backups = new Map<string, string>();
  const base = (name: string) => {
    const b = bases.get(name);
    if (!b) throw new ServiceError('BASE_NOT_FOUND', `no knowledge base ${name}`);
    return b;
  };
  const now = () => new Date().toISOString();
  const readAll = async (stream: AsyncIterable<unknown>) => {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  };
  return {
    listBases: () => ({ bases: [...bases.values()].map((b) => b.info) }),
    createBase: ({ body }) => {
      if (bases.has(body.name)) throw new ServiceError('CONFLICT', `knowledge base ${body.name} exists`);
      const info: BaseInfo = { name: body.name, atomCount: 0, createdAt: now(), updatedAt: now(), ...(body.description ? { description: body.description } : {}) };
      bases.set(body.name, { info, lines: [] });
      return info;
    },
    getBase: ({ params }) => base(params.base).info,
    updateBase: ({ params, body }) => {
      const b = base(params.base);
      if (body.name !== undefined && body.name !== params.base) {
        if (bases.has(body.name)) throw new ServiceError('CONFLICT', `knowledge base ${body.name} exists`);
        bases.delete(params.base);
        b.info.name = body.name;
        bases.set(body.name, b);
      }
      if (body.description !== undefined) b.info.description = body.description;
      return b.info;
    },
    deleteBase: ({ params }) => {
      base(params.base);
      bases.delete(params.base);
    },
    addBaseAtoms: ({ params, body }) => {
      const b = base(params.base);
      const lines = body.atoms ? body.atoms.map((a) => JSON.stringify(a)) : [body.atomese!];
      b.lines.push(...lines);
      b.info.atomCount = b.lines.length;
      return { count: lines.length, atomCount: b.info.atomCount };
    },
    searchAtoms: notFaked,
    countTypes: ({ params }) => ({ total: base(params.base).lines.length, counts: [] }),
    importAtoms: async ({ params, body, raw, query }, { log }) => {
      const b = base(params.base);
      // A streamed body is read before answering here; a real service reads it in the job.
      const text = raw ? await readAll(raw.stream.setEncoding('utf8')) : (body?.atomese ?? body!.atoms!.map((a) => JSON.stringify(a)).join('\n'));
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      log.info({ file: query.file, lines: lines.length, contentType: raw?.contentType }, 'import');
      return {
        jobId: jobs.start('import', async ({ progress }) => {
          b.lines.push(...lines);
          b.info.atomCount = b.lines.length;
          progress(lines.length, lines.length);
          return { count: lines.length, atomCount: b.info.atomCount };
        }),
      };
    },
    exportAtoms: async ({ params, query }, { res }) => {
      const b = base(params.base);
      res.status(200).type(query.format === 'jsonl' ? CONTENT_TYPES.jsonLines : CONTENT_TYPES.atomese);
      for (const line of b.lines) if (!res.write(`${line}\n`)) await once(res, 'drain');
      res.end();
    },
    listSnapshots: ({ params }) => {
      base(params.base);
      return { snapshots: [] };
    },
    createSnapshot: ({ params, body }) => ({ name: body.name, base: params.base, atomCount: base(params.base).lines.length, createdAt: now() }),
    restoreSnapshot: ({ params }) => {
      throw new ServiceError('SNAPSHOT_NOT_FOUND', `no snapshot ${params.snapshot} of ${params.base}`);
    },
    deleteSnapshot: notFaked,
    createBackup: notFaked,
    listBackups: () => ({ backups: [] }),
    downloadBackup: ({ params }, { res }) => {
      const text = backups.get(params.backup);
      if (text === undefined) throw new ServiceError('BACKUP_NOT_FOUND', `no backup ${params.backup}`);
      res.status(200).type(CONTENT_TYPES.jsonLines).end(text);
    },
    uploadBackup: async ({ params, raw }) => {
      const text = await readAll(raw!.stream.setEncoding('utf8'));
      backups.set(params.backup, text);
      return { name: params.backup, bases: [], atomCount: text.split('\n').filter(Boolean).length, sizeBytes: Buffer.byteLength(text), createdAt: now() };
    },
    deleteBackup: notFaked,
    restore: ({ body }) => ({
      jobId: jobs.start('restore', async () => ({
        bases: [{ name: body.from === 'journal' ? (body.target ?? body.base) : (body.target ?? 'all'), atomCount: 0 }],
      })),
    }),
    getJournal: ({ params }) => ({ base: base(params.base).info.name, firstSequence: 0, lastSequence: 0 }),
    listJobs: ({ query }) => ({ jobs: jobs.list(query) }),
    getJob: ({ params }) => jobs.require(params.jobId),
    cancelJob: ({ params }) => jobs.cancel(params.jobId),
  };
}
