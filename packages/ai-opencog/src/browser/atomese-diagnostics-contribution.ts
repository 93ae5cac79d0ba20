import { FrontendApplicationContribution } from '@theia/core/lib/browser/frontend-application-contribution';
import { DisposableCollection } from '@theia/core/lib/common/disposable';
import URI from '@theia/core/lib/common/uri';
import { inject, injectable } from '@theia/core/shared/inversify';
import { Diagnostic, DiagnosticSeverity } from '@theia/core/shared/vscode-languageserver-protocol';
import { ProblemManager } from '@theia/markers/lib/browser/problem/problem-manager';
import type { MonacoEditorModel } from '@theia/monaco/lib/browser/monaco-editor-model';
import { MonacoWorkspace } from '@theia/monaco/lib/browser/monaco-workspace';
import { checkAtomese, type AtomeseDiagnostic } from '../common/atomese-diagnostics';
import { ATOMESE_LANGUAGE_ID } from '../common/atomese-grammar';

/** Owner of the markers in the Problems view. */
export const ATOMESE_MARKER_OWNER = 'atomese';

/** Texts larger than this are not checked while typing (a load still reports their errors). */
const MAX_CHECKED_LENGTH = 4_000_000;
const DEBOUNCE_MS = 300;

export function toDiagnostic(d: AtomeseDiagnostic): Diagnostic {
  return {
    range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    message: d.message,
    source: 'atomese',
    code: d.code,
  };
}

/**
 * Parse errors of open Atomese documents as markers (squiggles in the editor, entries in the
 * Problems view), by the kernel's reader, a moment after each change.
 */
@injectable()
export class AtomeseDiagnosticsContribution implements FrontendApplicationContribution {
  @inject(MonacoWorkspace) protected readonly workspace!: MonacoWorkspace;
  @inject(ProblemManager) protected readonly problems!: ProblemManager;

  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly toDispose = new DisposableCollection();

  onStart(): void {
    this.toDispose.push(this.workspace.onDidOpenTextDocument((model) => this.schedule(model)));
    this.toDispose.push(this.workspace.onDidChangeTextDocument((e) => this.schedule(e.model)));
    this.toDispose.push(this.workspace.onDidCloseTextDocument((model) => this.clear(model.uri)));
    for (const model of this.workspace.textDocuments) this.schedule(model);
  }

  onStop(): void {
    this.toDispose.dispose();
    for (const timer of this.pending.values()) clearTimeout(timer);
  }

  protected schedule(model: MonacoEditorModel): void {
    if (model.languageId !== ATOMESE_LANGUAGE_ID) return;
    const uri = model.uri;
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous);
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        this.check(model);
      }, DEBOUNCE_MS),
    );
  }

  protected check(model: MonacoEditorModel): void {
    const text = model.getText();
    if (text.length > MAX_CHECKED_LENGTH) {
      this.problems.setMarkers(new URI(model.uri), ATOMESE_MARKER_OWNER, []);
      return;
    }
    const file = new URI(model.uri).path.base;
    const { diagnostics } = checkAtomese(text, { file });
    this.problems.setMarkers(new URI(model.uri), ATOMESE_MARKER_OWNER, diagnostics.map(toDiagnostic));
  }

  protected clear(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer) clearTimeout(timer);
    this.pending.delete(uri);
    this.problems.setMarkers(new URI(uri), ATOMESE_MARKER_OWNER, []);
  }
}
