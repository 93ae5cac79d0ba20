// A stand-in for the knowledge service, for the cognitive service's tests while services/knowledge
// is not built: a service-kit app over protocol's real `knowledgeRoutes`, implementing in memory
// the routes the cognitive service calls (bases, add, import, export, types, jobs). The others
// answer 503 UNAVAILABLE. Plain CommonJS over the compiled packages (lib/), so that it also runs
// as a child process (test/fixtures/fake-knowledge-main.js) for the start-local test.
const { Readable } = require('node:stream');
const {
  AtomSpace,
  AtomeseReader,
  TypeRegistry,
  atomFromJson,
  atomToJson,
  rootAtoms,
  writeAtom,
} = require('@ai-opencog/atomspace');
const { CONTENT_TYPES, ServiceError, knowledgeOpenApi, knowledgeRoutes } = require('@ai-opencog/protocol');
const { JobManager, createServiceApp } = require('@ai-opencog/service-kit');

function createFakeKnowledge({ config, logger, types = new TypeRegistry() }) {
  const bases = new Map();
  const jobs = new JobManager({ logger, maxConcurrent: 2 });
  const now = () => new Date().toISOString();

  const base = (name) => {
    const b = bases.get(name);
    if (!b) throw new ServiceError('BASE_NOT_FOUND', `no knowledge base named ${name}`);
    return b;
  };
  const info = (b) => ({
    name: b.name,
    ...(b.description !== undefined ? { description: b.description } : {}),
    atomCount: b.space.size,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  });

  /** Reads atoms into a frame of the base's space; commits when all were read (all or nothing). */
  async function importInto(b, { atomese, atoms, lines, chunks, file }) {
    const frame = b.space.createChild('import');
    let count = 0;
    try {
      if (atomese !== undefined || chunks !== undefined) {
        const reader = new AtomeseReader(frame, { file: file ?? '<import>' }, (item) => {
          if (item.isAtom === true) count++;
        });
        if (atomese !== undefined) reader.push(atomese);
        else for await (const chunk of chunks) reader.push(chunk);
        reader.end();
      } else if (atoms !== undefined) {
        atoms.forEach((json, i) => {
          atomFromJson(frame, json, `$.atoms[${i}]`);
          count++;
        });
      } else {
        let n = 0;
        for await (const line of lines) {
          n++;
          if (line.trim() === '') continue;
          atomFromJson(frame, JSON.parse(line), `line ${n}`);
          count++;
        }
      }
      frame.commitToParent();
    } catch (error) {
      frame.dispose();
      throw error;
    }
    b.updatedAt = now();
    return { count, atomCount: b.space.size };
  }

  async function* linesOf(stream) {
    let pending = '';
    stream.setEncoding('utf8');
    for await (const chunk of stream) {
      pending += chunk;
      let end;
      while ((end = pending.indexOf('\n')) >= 0) {
        yield pending.slice(0, end);
        pending = pending.slice(end + 1);
      }
    }
    if (pending !== '') yield pending;
  }

  const unavailable = () => {
    throw new ServiceError('UNAVAILABLE', 'not in the fake knowledge service');
  };

  const handlers = {
    listBases: () => ({ bases: [...bases.values()].map(info) }),
    createBase: ({ body }) => {
      if (bases.has(body.name)) throw new ServiceError('CONFLICT', `a knowledge base named ${body.name} exists`);
      const b = { name: body.name, description: body.description, space: new AtomSpace({ types }), createdAt: now(), updatedAt: now() };
      bases.set(b.name, b);
      return info(b);
    },
    getBase: ({ params }) => info(base(params.base)),
    updateBase: ({ params, body }) => {
      const b = base(params.base);
      if (body.name !== undefined && body.name !== b.name) {
        if (bases.has(body.name)) throw new ServiceError('CONFLICT', `a knowledge base named ${body.name} exists`);
        bases.delete(b.name);
        b.name = body.name;
        bases.set(b.name, b);
      }
      if (body.description !== undefined) b.description = body.description;
      b.updatedAt = now();
      return info(b);
    },
    deleteBase: ({ params }) => {
      base(params.base);
      bases.delete(params.base);
    },
    addBaseAtoms: ({ params, body }) => importInto(base(params.base), body),
    searchAtoms: unavailable,
    countTypes: ({ params }) => {
      const b = base(params.base);
      return { total: b.space.size, counts: b.space.typeHistogram().map(({ type, count }) => ({ type: type.name, count })) };
    },
    importAtoms: async ({ params, query, body, raw }) => {
      const b = base(params.base);
      let input;
      if (raw) {
        // Read the body now: the request ends when the handler answers.
        const text = [];
        raw.stream.setEncoding('utf8');
        for await (const chunk of raw.stream) text.push(chunk);
        const whole = text.join('');
        input = raw.contentType === CONTENT_TYPES.atomese ? { atomese: whole, file: query.file } : { lines: linesOf(Readable.from([whole])) };
      } else input = { ...body, file: body.file ?? query.file };
      return { jobId: jobs.start('import', () => importInto(b, input)) };
    },
    exportAtoms: ({ params, query }, ctx) => {
      const b = base(params.base);
      const roots = rootAtoms(b.space);
      if (query.format === 'jsonl') {
        ctx.res.status(200).type(CONTENT_TYPES.jsonLines);
        ctx.res.end(roots.map((a) => `${JSON.stringify(atomToJson(a, { space: b.space }))}\n`).join(''));
      } else {
        ctx.res.status(200).type(CONTENT_TYPES.atomese);
        ctx.res.end(roots.map((a) => `${writeAtom(a, { space: b.space })}\n`).join(''));
      }
    },
    listSnapshots: ({ params }) => {
      base(params.base);
      return { snapshots: [] };
    },
    createSnapshot: unavailable,
    restoreSnapshot: unavailable,
    deleteSnapshot: unavailable,
    createBackup: unavailable,
    listBackups: unavailable,
    downloadBackup: unavailable,
    uploadBackup: unavailable,
    deleteBackup: unavailable,
    restore: unavailable,
    getJournal: unavailable,
    listJobs: ({ query }) => ({ jobs: jobs.list(query) }),
    getJob: ({ params }) => jobs.require(params.jobId),
    cancelJob: ({ params }) => jobs.cancel(params.jobId),
  };

  const service = createServiceApp({
    name: 'knowledge',
    version: '0.0.0-fake',
    config,
    logger,
    routes: knowledgeRoutes,
    handlers,
    openApi: knowledgeOpenApi(),
  });
  return { service, jobs, bases };
}

/** Starts the fake on config.HOST:config.PORT; resolves with its URL and a close function. */
async function startFakeKnowledge({ config, logger, types }) {
  const { service, jobs, bases } = createFakeKnowledge({ config, logger, types });
  const server = await service.start();
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    jobs,
    bases,
    close: async () => {
      await jobs.shutdown(0);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

module.exports = { createFakeKnowledge, startFakeKnowledge };
