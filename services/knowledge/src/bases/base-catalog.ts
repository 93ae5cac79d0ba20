import { ServiceError, type BaseInfo } from '@ai-opencog/protocol';
import type { AtomStore, KnowledgeBaseInfo } from '@ai-opencog/storage';
import { checkClientBaseName, isInternalBase } from './internal-bases';

/** A base as the wire shows it. */
export function baseInfoOf(info: KnowledgeBaseInfo): BaseInfo {
  return {
    name: info.name,
    ...(info.description !== '' ? { description: info.description } : {}),
    atomCount: info.atomCount,
    createdAt: info.createdAt,
    updatedAt: info.updatedAt,
  };
}

/** The knowledge bases clients see: every base of the store but the service's internal ones. */
export class BaseCatalog {
  constructor(private readonly store: AtomStore) {}

  async list(): Promise<KnowledgeBaseInfo[]> {
    return (await this.store.listBases()).filter((b) => !isInternalBase(b.name));
  }

  /** The base, or BASE_NOT_FOUND (also for internal ones). */
  async require(name: string): Promise<KnowledgeBaseInfo> {
    if (isInternalBase(name)) throw notFound(name);
    return this.store.getBase(name);
  }

  /** BASE_NOT_FOUND unless the base exists (and is not internal). */
  async check(name: string): Promise<void> {
    await this.require(name);
  }

  create(name: string, description?: string): Promise<KnowledgeBaseInfo> {
    checkClientBaseName(name);
    return this.store.createBase(name, { description: description ?? '' });
  }

  /**
   * Renames a base. Changing its description is refused: the storage layer keeps the description
   * given at creation and has no operation to change it.
   */
  async update(name: string, change: { name?: string; description?: string }): Promise<KnowledgeBaseInfo> {
    const current = await this.require(name);
    if (change.description !== undefined && change.description !== current.description) {
      throw new ServiceError('BAD_REQUEST', 'changing the description of a knowledge base is not supported yet: the store keeps the one given at creation', {
        unsupported: 'description',
      });
    }
    if (change.name === undefined || change.name === name) return current;
    checkClientBaseName(change.name);
    return this.store.renameBase(name, change.name);
  }

  async delete(name: string): Promise<void> {
    if (isInternalBase(name)) throw notFound(name);
    await this.store.deleteBase(name);
  }
}

function notFound(name: string): ServiceError {
  return new ServiceError('BASE_NOT_FOUND', `knowledge base ${name} does not exist`);
}
