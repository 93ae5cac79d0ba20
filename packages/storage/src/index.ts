export type * from './atom-store';
export { StorageError, isStorageError, type StorageErrorCode } from './errors';
export { atomKey, atomJsonKey, nodeKey, linkKey } from './atom-key';
export { storedAtomOf, addStoredAtom } from './stored-atom';
export {
  loadBaseIntoSpace,
  saveSpaceToBase,
  SpaceChangeRecorder,
  type SyncOptions,
  type LoadOptions,
  type SaveOptions,
} from './space-sync';
export {
  writeBackup,
  restoreBackup,
  writeBackupFile,
  restoreBackupFile,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupOptions,
  type RestoreBackupOptions,
} from './backup';
export { openPGliteStore, type PGliteStoreConfig } from './pglite/pglite-store';
export { openPostgresStore, type PostgresStoreConfig } from './postgres/postgres-store';
export { openNeo4jStore, type Neo4jStoreConfig } from './neo4j';
export { openAtomStore, storageConfigFromEnv, DEFAULT_PGLITE_DIR, type StorageConfig } from './store-factory';
export { CachedAtomStore, type CachedAtomStoreOptions } from './cached-atom-store';
export { DEFAULT_CACHE_TTL_MS, type ReadCache, type ReadCacheOptions } from './cache';
export { baseChannel, spaceChannel, type ChangeBus, type ChangeMessage } from './change-bus';
export type { RateLimitStore, RateLimitCount } from './rate-limit';
export { MemoryCache, type MemoryCacheOptions } from './in-process/memory-cache';
export { MemoryChangeBus } from './in-process/memory-pubsub';
export { MemoryRateLimitStore } from './in-process/memory-rate-limit';
export { RedisCache, type RedisCacheOptions } from './redis/redis-cache';
export { RedisChangeBus } from './redis/redis-pubsub';
export { RedisRateLimitStore } from './redis/redis-rate-limit';
export { connectRedis, DEFAULT_KEY_PREFIX } from './redis/redis-connection';
export { openSharedState, type SharedState, type SharedStateConfig } from './shared-state';
