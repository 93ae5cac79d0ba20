/** The shared-state suite against a real Redis (see test/support/external-services.ts). */
import { openSharedState, type StorageError } from '../src';
import { storageError } from './conformance/atom-store-conformance';
import { describeSharedStateConformance } from './shared-state/shared-state-conformance';
import { REDIS, describeWithService } from './support/external-services';

// Keys and channels of this run only.
const keyPrefix = `ai-opencog-test-${process.pid}-${Date.now().toString(36)}:`;

describeWithService(REDIS, 'redis', (url) => {
  describeSharedStateConformance('redis', async () => {
    const state = await openSharedState({ redisUrl: url(), keyPrefix });
    expect(state.kind).toBe('redis');
    return state;
  });

  test('an unreachable Redis is STORAGE_UNAVAILABLE', async () => {
    const e: StorageError = await storageError(openSharedState({ redisUrl: 'redis://127.0.0.1:1' }));
    expect(e.code).toBe('STORAGE_UNAVAILABLE');
  });
});
