import { injectable } from '@theia/core/shared/inversify';
import * as monaco from '@theia/monaco-editor-core';
import { typeEntries, type TypeEntry } from '../common/atom-type-info';

/** Completes atom type names after `(`, in full and short form, with their place in the hierarchy. */
@injectable()
export class AtomeseCompletionProvider implements monaco.languages.CompletionItemProvider {
  readonly triggerCharacters = ['('];
  private entries: TypeEntry[] | undefined;

  provideCompletionItems(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.CompletionList {
    const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    // Only where a type name goes: right after an opening bracket.
    if (!/[([]\s*[A-Za-z_]*$/.test(line)) return { suggestions: [] };
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    this.entries ??= typeEntries().filter((t) => (t.kind === 'node' || t.kind === 'link') && !t.abstract);
    const suggestions: monaco.languages.CompletionItem[] = [];
    for (const t of this.entries) {
      const kind = t.kind === 'node' ? monaco.languages.CompletionItemKind.Class : monaco.languages.CompletionItemKind.Struct;
      const detail = `${t.kind} type ← ${t.parents.join(', ')}`;
      suggestions.push({ label: t.name, kind, detail, insertText: t.name, range, sortText: `1${t.name}` });
      if (t.shortName) suggestions.push({ label: t.shortName, kind, detail: `${t.name} (short name)`, insertText: t.shortName, range, sortText: `2${t.shortName}` });
    }
    for (const v of ['stv', 'ctv', 'av']) {
      suggestions.push({ label: v, kind: monaco.languages.CompletionItemKind.Function, detail: 'truth or attention value', insertText: v, range, sortText: `3${v}` });
    }
    return { suggestions };
  }
}
