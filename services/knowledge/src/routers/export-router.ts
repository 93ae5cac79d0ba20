import { once } from 'node:events';
import type { Response } from 'express';
import type { BaseCatalog } from '../bases/base-catalog';
import { EXPORT_CONTENT_TYPES, type Exporter } from '../export/exporter';
import type { KnowledgeHandlers } from './handlers';

/** GET /v1/bases/:base/export: the atoms as Atomese or JSON lines, streamed. */
export function exportRouter(exporter: Exporter, bases: BaseCatalog): Pick<KnowledgeHandlers, 'exportAtoms'> {
  return {
    exportAtoms: async ({ params, query }, { res, signal }) => {
      await bases.check(params.base);
      exporter.selectTypes(query);
      const lines = exporter.lines(params.base, query);
      res.status(200);
      res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[query.format]);
      res.setHeader('Content-Disposition', `attachment; filename="${params.base}.${query.format === 'atomese' ? 'scm' : 'jsonl'}"`);
      await writeAll(res, lines, signal);
    },
  };
}

/** Writes text chunks to the response with backpressure; stops when the client goes away. */
export async function writeAll(res: Response, chunks: AsyncIterable<string | Buffer>, signal: AbortSignal): Promise<void> {
  for await (const chunk of chunks) {
    if (signal.aborted || res.destroyed) return;
    if (!res.write(chunk)) {
      try {
        await once(res, 'drain', { signal });
      } catch {
        return;
      }
    }
  }
  res.end();
}
