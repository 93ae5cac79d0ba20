import { AtomSpace, type Atom, type AtomSpaceEvent, type TypeRegistry } from '@ai-opencog/atomspace';
import { ServiceError, type SpaceDetail, type SpaceInfo } from '@ai-opencog/protocol';
import { atomKey } from '@ai-opencog/storage';

/** What a space was made with, and remembers about itself. */
export interface SpaceProperties {
  name: string;
  description?: string;
  /** ISO time. */
  createdAt: string;
  loadedFrom?: { base: string; snapshot?: string };
}

/**
 * One space of working memory: an AtomSpace with a name, and the handles of its atoms.
 *
 * **Handles.** An atom's handle is its content key, as the storage package computes it
 * (`atomKey`: the hex SHA-256 of its type and name, or of its type and its outgoing atoms'
 * keys): it depends only on the atom, so it is the same in every instance of the service that
 * holds the space, after the space is saved and loaded again, and as the atom's key in a
 * knowledge base. A handle names the atom while it lives; an equal atom added again later gets
 * the same handle.
 */
export class Space {
  readonly atoms: AtomSpace;
  private readonly byHandle = new Map<string, Atom>();
  private readonly keys = new Map<Atom, string>();
  private readonly unsubscribe: () => void;
  private properties: SpaceProperties;

  constructor(properties: SpaceProperties, types: TypeRegistry) {
    this.properties = { ...properties };
    this.atoms = new AtomSpace({ types, name: properties.name });
    this.unsubscribe = this.atoms.subscribe((event) => this.index(event));
  }

  get name(): string {
    return this.properties.name;
  }

  get props(): Readonly<SpaceProperties> {
    return this.properties;
  }

  /** Records where the space's atoms were last loaded from. */
  setLoadedFrom(source: { base: string; snapshot?: string }): void {
    this.properties = { ...this.properties, loadedFrom: { ...source } };
  }

  get size(): number {
    return this.atoms.size;
  }

  /** The handle of an atom (of this space, or any equal atom). */
  handleOf(atom: Atom): string {
    const key = this.keys.get(atom);
    if (key !== undefined) return key;
    // Only the atoms of the space are remembered (until removed); others get a throwaway memo.
    return this.atoms.isVisible(atom) ? atomKey(atom, this.keys) : atomKey(atom, new Map());
  }

  /** The atom of a handle, or ATOM_NOT_FOUND. */
  require(handle: string): Atom {
    const atom = this.byHandle.get(handle);
    if (atom === undefined) throw new ServiceError('ATOM_NOT_FOUND', `space ${this.name} has no atom with handle ${handle}`);
    return atom;
  }

  /** Atoms in the order they were added (oldest first). */
  ordered(): IterableIterator<Atom> {
    return this.byHandle.values();
  }

  info(): SpaceInfo {
    const p = this.properties;
    return {
      name: p.name,
      ...(p.description !== undefined ? { description: p.description } : {}),
      atomCount: this.atoms.size,
      createdAt: p.createdAt,
      ...(p.loadedFrom ? { loadedFrom: { ...p.loadedFrom } } : {}),
    };
  }

  detail(): SpaceDetail {
    return { ...this.info(), typeCounts: this.atoms.typeHistogram().map(({ type, count }) => ({ type: type.name, count })) };
  }

  dispose(): void {
    this.unsubscribe();
    this.byHandle.clear();
  }

  private index(event: AtomSpaceEvent): void {
    if (event.kind === 'add') {
      this.byHandle.set(this.handleOf(event.atom), event.atom);
    } else if (event.kind === 'remove') {
      const key = this.keys.get(event.atom) ?? this.handleOf(event.atom);
      if (this.byHandle.get(key) === event.atom) this.byHandle.delete(key);
      this.keys.delete(event.atom);
    }
  }
}
