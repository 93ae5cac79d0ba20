import { readFileSync } from 'node:fs';
import { AtomSpaceError, parseTypesScript, TypeRegistry } from '@ai-opencog/atomspace';
import { ConfigError } from '@ai-opencog/service-kit';
import type { StoreSettings } from './config';

const DECLARATION = /^([A-Za-z][A-Za-z0-9_]*):([A-Za-z][A-Za-z0-9_]*(?:,[A-Za-z][A-Za-z0-9_]*)*)$/;

/**
 * The atom types of this service: OpenCog's classic types plus the user's, from ATOM_TYPES_FILE
 * (atom_types.script files, e.g. `GENE_NODE <- CONCEPT_NODE`) and ATOM_TYPES
 * (`GeneNode:ConceptNode MoleculeNode:ConceptNode PredictiveImplicationLink:OrderedLink`).
 * The store checks atoms against it and expands subtypes with it. A bad declaration is a
 * ConfigError naming the variable.
 */
export function buildTypeRegistry(settings: Pick<StoreSettings, 'ATOM_TYPES' | 'ATOM_TYPES_FILE'>): TypeRegistry {
  const types = new TypeRegistry();
  const problems: { variable: string; message: string }[] = [];
  for (const file of splitList(settings.ATOM_TYPES_FILE, /,/)) {
    try {
      types.declareAll(parseTypesScript(readFileSync(file, 'utf8')));
    } catch (e) {
      const reason = e instanceof AtomSpaceError ? e.message : `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      problems.push({ variable: 'ATOM_TYPES_FILE', message: `${file}: ${reason}` });
    }
  }
  for (const entry of splitList(settings.ATOM_TYPES, /[\s;]+/)) {
    const m = DECLARATION.exec(entry);
    if (!m) {
      problems.push({ variable: 'ATOM_TYPES', message: `'${entry}' is not Name:Parent[,Parent...], like GeneNode:ConceptNode` });
      continue;
    }
    try {
      types.register(m[1]!, m[2]!.split(','));
    } catch (e) {
      if (!(e instanceof AtomSpaceError)) throw e;
      problems.push({ variable: 'ATOM_TYPES', message: `${entry}: ${e.message}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return types;
}

function splitList(value: string | undefined, separator: RegExp): string[] {
  return (value ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
