import {
  ATOM_TYPE_ID,
  AtomType,
  LINK_TYPE_ID,
  NODE_TYPE_ID,
  ORDERED_LINK_TYPE_ID,
  UNORDERED_LINK_TYPE_ID,
  VALUE_TYPE_ID,
} from './atom-type';
import { AtomSpaceError } from '../errors';
import { ABSTRACT_TYPE_NAMES, CLASSIC_TYPES_SCRIPT } from './classic-types';


/** One declaration of a types script: `GENE_NODE <- CONCEPT_NODE` gives name GeneNode, parents [ConceptNode]. */
export interface TypeDeclaration {
  name: string;
  parents: string[];
  line: number;
}

/**
 * The atom type hierarchy: OpenCog's classic types, plus any the user declares.
 * Names resolve in both forms, `ConceptNode` and `Concept`.
 */
export class TypeRegistry {
  private readonly byId: AtomType[] = [];
  private readonly byName = new Map<string, AtomType>();

  constructor(withClassicTypes = true) {
    const fixed: [number, string][] = [
      [VALUE_TYPE_ID, 'Value'], [ATOM_TYPE_ID, 'Atom'], [NODE_TYPE_ID, 'Node'], [LINK_TYPE_ID, 'Link'],
      [ORDERED_LINK_TYPE_ID, 'OrderedLink'], [UNORDERED_LINK_TYPE_ID, 'UnorderedLink'],
    ];
    const classic = parseTypesScript(CLASSIC_TYPES_SCRIPT);
    this.declareAll(withClassicTypes ? classic : classic.slice(0, fixed.length), ABSTRACT_TYPE_NAMES);
    for (const [id, name] of fixed) {
      if (this.byId[id]?.name !== name) throw new Error(`type table must start with ${name}`);
    }
  }

  /** The type named `name` (full or short form), or undefined. */
  find(name: string): AtomType | undefined {
    return this.byName.get(name);
  }

  /** The type named `name`; throws an AtomSpaceError naming it when there is none. */
  get(name: string): AtomType {
    const t = this.byName.get(name);
    if (!t) throw new AtomSpaceError('UNKNOWN_TYPE', `unknown atom type '${name}'`);
    return t;
  }

  byIndex(id: number): AtomType {
    return this.byId[id];
  }

  get size(): number {
    return this.byId.length;
  }

  all(): readonly AtomType[] {
    return this.byId;
  }

  /** Every type that is `t` or derives from it. */
  subtypesOf(t: AtomType): AtomType[] {
    return this.byId.filter((x) => x.isA(t));
  }

  /**
   * Declares a new type under existing parents, e.g. `register('GeneNode', ['ConceptNode'])`.
   * Re-declaring an existing type with the same parents is a no-op; with other parents it is an error.
   */
  register(name: string, parentNames: readonly string[], abstract = false): AtomType {
    if (!/^[A-Z][A-Za-z0-9_]*$/.test(name)) {
      throw new AtomSpaceError('INVALID_TYPE', `invalid type name '${name}': it must be CamelCase, like GeneNode`);
    }
    const parents = parentNames.map((p) => this.get(p));
    const existing = this.byName.get(name);
    if (existing) {
      if (existing.name !== name) {
        throw new AtomSpaceError('INVALID_TYPE', `type name '${name}' is already the short name of ${existing.name}`);
      }
      const same =
        existing.parents.length === parents.length && parents.every((p) => existing.parents.includes(p));
      if (!same) {
        throw new AtomSpaceError('INVALID_TYPE', 
          `type ${name} already exists under ${existing.parents.map((p) => p.name).join(', ')}`,
        );
      }
      return existing;
    }
    if (parents.length === 0 && this.byId.length > 0) {
      throw new AtomSpaceError('INVALID_TYPE', `type ${name} needs at least one parent type`);
    }
    const isAtom = parents.some((p) => p.isA(ATOM_TYPE_ID));
    const candidate = !abstract && isAtom ? shortNameOf(name) : undefined;
    // A short name already taken (by another type's full or short name) stays with that type.
    const shortName = candidate !== undefined && !this.byName.has(candidate) ? candidate : undefined;
    const type = new AtomType(this.byId.length, name, parents, shortName, abstract);
    if (type.isNode && type.isLink) throw new AtomSpaceError('INVALID_TYPE', `type ${name} cannot be both a node and a link`);
    this.byId.push(type);
    this.byName.set(name, type);
    if (shortName) this.byName.set(shortName, type);
    return type;
  }

  /** Declares every type of a parsed types script, in order. */
  declareAll(decls: readonly TypeDeclaration[], abstractNames: ReadonlySet<string> = new Set()): AtomType[] {
    return decls.map((d) => {
      try {
        return this.register(d.name, d.parents, abstractNames.has(d.name));
      } catch (e) {
        if (e instanceof AtomSpaceError) throw new AtomSpaceError(e.code, `line ${d.line}: ${e.message}`);
        throw e;
      }
    });
  }
}

function shortNameOf(name: string): string | undefined {
  const m = /^(.+?)(Node|Link)$/.exec(name);
  return m ? m[1] : undefined;
}

/** `CONCEPT_NODE` -> `ConceptNode`. */
export function camelTypeName(id: string): string {
  return id
    .toLowerCase()
    .split('_')
    .filter((w) => w.length > 0)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/**
 * Parses OpenCog's `atom_types.script` notation:
 * `GENE_NODE <- CONCEPT_NODE`, `FOO_LINK <- ORDERED_LINK,EVALUATABLE_LINK "FooLink"`, `//` comments.
 * CamelCase names (`GeneNode <- ConceptNode`) are accepted as well.
 */
export function parseTypesScript(text: string): TypeDeclaration[] {
  const out: TypeDeclaration[] = [];
  const ids = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*(?:<-\s*([A-Za-z0-9_,\s]+?))?\s*(?:"([A-Za-z0-9_]+)")?$/.exec(line);
    if (!m) throw new AtomSpaceError('INVALID_TYPE', `line ${i + 1}: cannot read type declaration '${line}'`);
    const name = m[3] ?? toCamel(m[1]);
    ids.set(m[1], name);
    const parents = (m[2] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((p) => ids.get(p) ?? toCamel(p));
    out.push({ name, parents, line: i + 1 });
  }
  return out;
}

function toCamel(id: string): string {
  return /^[A-Z0-9_]+$/.test(id) ? camelTypeName(id) : id;
}
