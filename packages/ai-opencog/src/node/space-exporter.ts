import { AtomSpace, TypeRegistry, atomFromJson, writeAtomSpace, type AtomJson as KernelAtomJson } from '@ai-opencog/atomspace';
import type { AtomJson, CognitiveClient } from '@ai-opencog/protocol';
import type { ExportedSpace } from '../common/ai-opencog-protocol';

/*
 * A space as an Atomese file: its atoms are listed a page at a time, rebuilt in a kernel AtomSpace
 * with their values, and written by the kernel's writer (every atom not inside another, in the
 * order they were added), so that the file loads back to the same space.
 */

type Cognitive = Pick<CognitiveClient, 'listAtoms'>;

const PAGE = 1000;

export async function exportSpace(client: Cognitive, space: string, signal?: AbortSignal): Promise<ExportedSpace> {
  const types = new TypeRegistry();
  const kernelSpace = new AtomSpace({ types });
  let cursor: string | undefined;
  let atomCount = 0;
  do {
    const page = await client.listAtoms(space, { limit: PAGE, ...(cursor ? { cursor } : {}) }, { signal });
    for (const record of page.items) {
      declareTypes(types, record.atom);
      atomFromJson(kernelSpace, record.atom as KernelAtomJson);
      atomCount++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  const header = `; Space "${space}" exported by the AI-OpenCog IDE on ${new Date().toISOString()}: ${atomCount} atoms\n`;
  const parts: string[] = [];
  for (const text of writeAtomSpace(kernelSpace)) parts.push(text);
  return { space, atomese: `${header}${parts.join('\n')}\n`, atomCount, topLevelCount: parts.length };
}

/** Types the kernel does not know (users' own) are declared as the services would have them. */
function declareTypes(types: TypeRegistry, atom: AtomJson): void {
  if (!types.find(atom.type)) types.register(atom.type, [atom.name !== undefined ? 'ConceptNode' : 'OrderedLink']);
  for (const o of atom.outgoing ?? []) declareTypes(types, o);
}
