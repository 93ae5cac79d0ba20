import { inject, injectable } from '@theia/core/shared/inversify';
import type { LanguageGrammarDefinitionContribution } from '@theia/monaco/lib/browser/textmate/textmate-contribution';
import type { TextmateRegistry } from '@theia/monaco/lib/browser/textmate/textmate-registry';
import * as monaco from '@theia/monaco-editor-core';
import { typeEntries } from '../common/atom-type-info';
import { ATOMESE_EXTENSIONS, ATOMESE_LANGUAGE_CONFIGURATION, ATOMESE_LANGUAGE_ID, ATOMESE_SCOPE, atomeseGrammar } from '../common/atomese-grammar';
import { AtomeseCompletionProvider } from './atomese-completion-provider';
import { AtomeseHoverProvider } from './atomese-hover-provider';

/**
 * The Atomese language: `.scm` and `.atomese` files, its TextMate grammar (highlighting), bracket
 * matching and comments, type-name completion and hovers.
 */
@injectable()
export class AtomeseLanguageContribution implements LanguageGrammarDefinitionContribution {
  @inject(AtomeseCompletionProvider) protected readonly completion!: AtomeseCompletionProvider;
  @inject(AtomeseHoverProvider) protected readonly hover!: AtomeseHoverProvider;

  registerTextmateLanguage(registry: TextmateRegistry): void {
    monaco.languages.register({
      id: ATOMESE_LANGUAGE_ID,
      extensions: ATOMESE_EXTENSIONS,
      aliases: ['Atomese', 'atomese', 'OpenCog Scheme'],
      mimetypes: ['text/x-scheme'],
    });
    monaco.languages.setLanguageConfiguration(ATOMESE_LANGUAGE_ID, ATOMESE_LANGUAGE_CONFIGURATION);
    const grammar = atomeseGrammar(typeEntries());
    registry.registerTextmateGrammarScope(ATOMESE_SCOPE, {
      getGrammarDefinition: async () => ({ format: 'json', content: grammar }),
    });
    registry.mapLanguageIdToTextmateGrammar(ATOMESE_LANGUAGE_ID, ATOMESE_SCOPE);
    monaco.languages.registerCompletionItemProvider(ATOMESE_LANGUAGE_ID, this.completion);
    monaco.languages.registerHoverProvider(ATOMESE_LANGUAGE_ID, this.hover);
  }
}
