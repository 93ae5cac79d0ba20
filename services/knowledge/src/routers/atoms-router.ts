import type { AtomAdder } from '../atoms/atom-adder';
import type { AtomSearch } from '../atoms/atom-search';
import type { KnowledgeHandlers } from './handlers';

/** POST/GET /v1/bases/:base/atoms, GET /v1/bases/:base/types. */
export function atomsRouter(adder: AtomAdder, search: AtomSearch): Pick<KnowledgeHandlers, 'addBaseAtoms' | 'searchAtoms' | 'countTypes'> {
  return {
    addBaseAtoms: ({ params, body }) => adder.add(params.base, body),
    searchAtoms: ({ params, query }) => search.search(params.base, query),
    countTypes: ({ params }) => search.countTypes(params.base),
  };
}
