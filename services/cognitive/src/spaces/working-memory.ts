import { randomBytes } from 'node:crypto';
import type { TypeRegistry } from '@ai-opencog/atomspace';
import { ServiceError } from '@ai-opencog/protocol';
import { Space, type SpaceProperties } from './space';

/** Where a change comes from: a caller of this instance, or another instance (the change bus). */
export type ChangeOrigin = 'local' | 'remote';

export type WorkingMemoryEvent =
  | { kind: 'created'; space: Space; origin: ChangeOrigin }
  | { kind: 'dropped'; space: Space; origin: ChangeOrigin };

export interface WorkingMemoryLimits {
  maxSpaces: number;
  maxAtomsPerSpace: number;
}

/**
 * The spaces of working memory this instance holds, by name. Every space shares the service's
 * type registry (OpenCog's classic types plus those of ATOM_TYPES_FILE), so an atom type means
 * the same in every space and in every instance configured alike.
 */
export class WorkingMemory {
  private readonly spaces = new Map<string, Space>();
  private readonly listeners = new Set<(event: WorkingMemoryEvent) => void>();

  constructor(
    readonly types: TypeRegistry,
    readonly limits: WorkingMemoryLimits,
  ) {}

  /** Spaces by name. */
  list(): Space[] {
    return [...this.spaces.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get(name: string): Space | undefined {
    return this.spaces.get(name);
  }

  /** The space, or SPACE_NOT_FOUND. */
  require(name: string): Space {
    const space = this.spaces.get(name);
    if (!space) throw new ServiceError('SPACE_NOT_FOUND', `no space named ${name}`);
    return space;
  }

  /** Creates an empty space: CONFLICT when the name is taken or the instance holds its maximum. */
  create(properties: Omit<SpaceProperties, 'createdAt' | 'name'> & { name?: string; createdAt?: string }, origin: ChangeOrigin = 'local'): Space {
    const name = properties.name ?? this.freshName();
    if (this.spaces.has(name)) throw new ServiceError('CONFLICT', `a space named ${name} exists`);
    if (origin === 'local' && this.spaces.size >= this.limits.maxSpaces) {
      throw new ServiceError('CONFLICT', `this instance holds its maximum of ${this.limits.maxSpaces} spaces; drop one first`, {
        maxSpaces: this.limits.maxSpaces,
      });
    }
    const space = new Space({ ...properties, name, createdAt: properties.createdAt ?? new Date().toISOString() }, this.types);
    this.spaces.set(name, space);
    this.emit({ kind: 'created', space, origin });
    return space;
  }

  /** Drops a space and its atoms; SPACE_NOT_FOUND when there is none (for a local drop). */
  drop(name: string, origin: ChangeOrigin = 'local'): void {
    const space = origin === 'local' ? this.require(name) : this.spaces.get(name);
    if (!space) return;
    this.spaces.delete(name);
    this.emit({ kind: 'dropped', space, origin });
    space.dispose();
  }

  /** Throws PAYLOAD_TOO_LARGE unless the space has room for `more` atoms. */
  checkRoom(space: Space, more: number): void {
    const max = this.limits.maxAtomsPerSpace;
    if (space.size + more > max) {
      throw new ServiceError('PAYLOAD_TOO_LARGE', `space ${space.name} would hold ${space.size + more} atoms; its limit is ${max}`, {
        maxAtoms: max,
        atoms: space.size,
        adding: more,
      });
    }
  }

  subscribe(listener: (event: WorkingMemoryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops every space (at shutdown), telling no one. */
  clear(): void {
    for (const space of this.spaces.values()) space.dispose();
    this.spaces.clear();
  }

  private freshName(): string {
    for (;;) {
      const name = `space-${randomBytes(4).toString('hex')}`;
      if (!this.spaces.has(name)) return name;
    }
  }

  private emit(event: WorkingMemoryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
