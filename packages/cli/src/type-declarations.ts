import { readFileSync } from 'node:fs';
import { AtomSpaceError, parseTypesScript, type TypeRegistry } from '@ai-opencog/atomspace';
import { InputError, UsageError } from './cli-errors';

/**
 * Declares user atom types before loading: `--type GeneNode:ConceptNode` (parents separated by
 * commas) and `--types FILE` in OpenCog's atom_types.script notation (`GENE_NODE <- CONCEPT_NODE`).
 */
export function declareTypes(types: TypeRegistry, inline: readonly string[], files: readonly string[]): void {
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read types file ${file}: ${(e as Error).message}`);
    }
    try {
      types.declareAll(parseTypesScript(text));
    } catch (e) {
      if (e instanceof AtomSpaceError) throw new InputError(`${file}: ${e.message}`);
      throw e;
    }
  }
  for (const decl of inline) {
    const m = /^([A-Za-z][A-Za-z0-9_]*):([A-Za-z][A-Za-z0-9_]*(?:,[A-Za-z][A-Za-z0-9_]*)*)$/.exec(decl);
    if (!m) throw new UsageError(`--type expects NAME:PARENT[,PARENT...], like GeneNode:ConceptNode; got '${decl}'`);
    try {
      types.register(m[1], m[2].split(','));
    } catch (e) {
      if (e instanceof AtomSpaceError) throw new UsageError(`--type ${decl}: ${e.message}`);
      throw e;
    }
  }
}
