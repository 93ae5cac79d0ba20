import { baseInfoOf, type BaseCatalog } from '../bases/base-catalog';
import type { KnowledgeHandlers } from './handlers';

/** GET/POST /v1/bases, GET/PATCH/DELETE /v1/bases/:base. */
export function basesRouter(bases: BaseCatalog): Pick<KnowledgeHandlers, 'listBases' | 'createBase' | 'getBase' | 'updateBase' | 'deleteBase'> {
  return {
    listBases: async () => ({ bases: (await bases.list()).map(baseInfoOf) }),
    createBase: async ({ body }) => baseInfoOf(await bases.create(body.name, body.description)),
    getBase: async ({ params }) => baseInfoOf(await bases.require(params.base)),
    updateBase: async ({ params, body }) => baseInfoOf(await bases.update(params.base, body)),
    deleteBase: async ({ params }) => {
      await bases.delete(params.base);
    },
  };
}
