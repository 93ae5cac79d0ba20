import { NEO4J, describeWithService } from '../../../packages/storage/test/support/external-services';
import { knowledgeE2E } from './e2e/knowledge-e2e';

// Integration: the service in this process on a real Neo4j 5 (see
// packages/storage/test/support/external-services.ts for where it comes from).
describeWithService(NEO4J, 'the knowledge service on Neo4j', (url) => {
  knowledgeE2E({
    env: () => ({
      NEO4J_URL: url(),
      ...(process.env.TEST_NEO4J_USER ? { NEO4J_USER: process.env.TEST_NEO4J_USER } : {}),
      ...(process.env.TEST_NEO4J_PASSWORD ? { NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD } : {}),
    }),
    datasets: ['sample_dataset.scm'],
    ownServer: false,
  });
});
