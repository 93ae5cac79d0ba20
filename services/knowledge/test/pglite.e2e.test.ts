import { ALL_DATASETS, knowledgeE2E } from './e2e/knowledge-e2e';

// Integration: the service started in this process on 127.0.0.1:0, PGlite in a temporary folder.
describe('the knowledge service on PGlite', () => {
  knowledgeE2E({ env: () => ({}), datasets: ALL_DATASETS, ownServer: true });
});
