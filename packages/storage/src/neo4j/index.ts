/** The Neo4j backend of the AtomStore (see neo4j-store.ts and the README's "Neo4j" section). */
export { openNeo4jStore, Neo4jAtomStore, type Neo4jStoreConfig } from './neo4j-store';
