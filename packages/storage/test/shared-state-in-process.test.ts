import { openSharedState, type SharedState } from '../src';
import { describeSharedStateConformance } from './shared-state/shared-state-conformance';

// One process is one instance: every "instance" of the suite shares the same in-process state.
let state: Promise<SharedState> | undefined;
describeSharedStateConformance('in-process', () => (state ??= openSharedState()));

test('without a Redis URL the shared state is in-process', async () => {
  expect((await openSharedState({})).kind).toBe('in-process');
});
