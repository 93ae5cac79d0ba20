import { POSTGRES, REDIS, describeWithService } from '../../../packages/storage/test/support/external-services';
import { knowledgeE2E } from './e2e/knowledge-e2e';

// Integration: the service in this process on PostgreSQL, with Redis for its cache, change events
// and rate limits (servers: see packages/storage/test/support/external-services.ts).
describeWithService(POSTGRES, 'the knowledge service on PostgreSQL', (databaseUrl) => {
  describeWithService(REDIS, 'with Redis', (redisUrl) => {
    knowledgeE2E({ env: () => ({ DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl() }), datasets: ['sample_dataset.scm'], ownServer: false });
  });
});
