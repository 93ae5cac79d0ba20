import { injectable } from '@theia/core/shared/inversify';
import * as monaco from '@theia/monaco-editor-core';
import { typeHoverMarkdown } from '../common/atom-type-info';

/** On a type name: the type, its ancestors up to Atom and its subtypes. */
@injectable()
export class AtomeseHoverProvider implements monaco.languages.HoverProvider {
  provideHover(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.Hover | undefined {
    const word = model.getWordAtPosition(position);
    if (!word) return undefined;
    const markdown = typeHoverMarkdown(word.word);
    if (!markdown) return undefined;
    return {
      contents: [{ value: markdown }],
      range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
    };
  }
}
