import type { Command } from '@theia/core/lib/common/command';
import type { MenuPath } from '@theia/core/lib/common/menu';

/** Every command of the extension, under the "AtomSpace" category of the command palette. */
export namespace AiOpencogCommands {
  const category = 'AtomSpace';
  export const LOAD_FILE: Command = { id: 'aiOpencog.loadFile', category, label: 'Load Current File into Space' };
  export const LOAD_SELECTION: Command = { id: 'aiOpencog.loadSelection', category, label: 'Load Selection into Space' };
  export const RUN_QUERY: Command = { id: 'aiOpencog.runQuery', category, label: 'Run Query under Cursor' };
  export const FORWARD_CHAIN: Command = { id: 'aiOpencog.forwardChain', category, label: 'Forward Chain from Atom under Cursor' };
  export const BACKWARD_CHAIN: Command = { id: 'aiOpencog.backwardChain', category, label: 'Backward Chain to Atom under Cursor' };
  export const MINE: Command = { id: 'aiOpencog.mine', category, label: 'Run the Pattern Miner' };
  export const EXPORT_SPACE: Command = { id: 'aiOpencog.exportSpace', category, label: 'Export Space to File…' };
  export const SELECT_SPACE: Command = { id: 'aiOpencog.selectSpace', category, label: 'Select Space…' };
  export const OPEN_GRAPH_AT_CURSOR: Command = { id: 'aiOpencog.openGraphAtCursor', category, label: 'Show Atom under Cursor in Graph' };
  export const REFRESH_EXPLORER: Command = { id: 'aiOpencog.refreshExplorer', category, label: 'Refresh Explorer', iconClass: 'codicon codicon-refresh' };
  export const CHECK_SERVICES: Command = { id: 'aiOpencog.checkServices', category, label: 'Check Services' };
  // Actions on an atom of the explorer or the graph (args: an AtomAction).
  export const OPEN_GRAPH: Command = { id: 'aiOpencog.openGraph', category, label: 'Show in Graph' };
  export const QUERY_AROUND: Command = { id: 'aiOpencog.queryAround', category, label: 'Query around Atom' };
  export const REMOVE_ATOM: Command = { id: 'aiOpencog.removeAtom', category, label: 'Remove Atom…' };
  export const COPY_ATOMESE: Command = { id: 'aiOpencog.copyAtomese', category, label: 'Copy as Atomese' };
}

/** An atom that a context action applies to. */
export interface AtomAction {
  space: string;
  handle: string;
  atomese: string;
}

export function isAtomAction(arg: unknown): arg is AtomAction {
  return typeof arg === 'object' && arg !== null && typeof (arg as AtomAction).space === 'string' && typeof (arg as AtomAction).handle === 'string';
}

/** The context menu of an atom in the explorer and the graph view. */
export const ATOM_CONTEXT_MENU: MenuPath = ['ai-opencog-atom-context-menu'];
