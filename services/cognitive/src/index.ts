export { startCognitiveService, SERVICE_NAME, SERVICE_VERSION, type CognitiveService, type CognitiveServiceOptions } from './cognitive-service';
export { loadCognitiveConfig, DEFAULT_PORT, DEFAULT_KNOWLEDGE_URL, type CognitiveConfig } from './config';
export { WorkingMemory, type WorkingMemoryEvent, type ChangeOrigin } from './spaces/working-memory';
export { Space, type SpaceProperties } from './spaces/space';
export { SpaceReplicator, SPACES_CHANNEL, type SpaceChangeMessage } from './spaces/space-replicator';
export { applyChanges, putChangeOf, ChangeRecorder, type AtomChange } from './spaces/atom-changes';
export { runInferenceTask, buildRuleBase, type InferenceTask, type TaskOutput } from './jobs/inference-tasks';
