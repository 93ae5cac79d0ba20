import { Emitter, type Event } from '@theia/core/lib/common/event';
import { inject, injectable } from '@theia/core/shared/inversify';
import { AiOpencogPreferences } from '../common/ai-opencog-preferences';

/**
 * The space that commands work on — the one last selected in the AtomSpace explorer (or by a
 * command), else the `aiOpencog.defaultSpace` preference — and news of changes that commands make
 * to spaces, so that the views showing them refresh.
 */
@injectable()
export class CurrentSpace {
  @inject(AiOpencogPreferences) protected readonly preferences!: AiOpencogPreferences;

  private chosen: string | undefined;
  private readonly onDidChangeEmitter = new Emitter<string>();
  readonly onDidChange: Event<string> = this.onDidChangeEmitter.event;
  private readonly onDidModifyEmitter = new Emitter<string>();
  /** A command added or removed atoms of this space. */
  readonly onDidModify: Event<string> = this.onDidModifyEmitter.event;

  get name(): string {
    return this.chosen ?? (this.preferences['aiOpencog.defaultSpace'] || 'default');
  }

  set(name: string): void {
    if (name === this.chosen) return;
    this.chosen = name;
    this.onDidChangeEmitter.fire(name);
  }

  modified(space: string): void {
    this.onDidModifyEmitter.fire(space);
  }
}
