import { Emitter, type Event } from '@theia/core/lib/common/event';
import { injectable } from '@theia/core/shared/inversify';
import type { AiOpencogClient, JobProgress } from '../common/ai-opencog-protocol';

/** The browser end of the RPC connection: the backend reports job progress here. */
@injectable()
export class AiOpencogFrontendClient implements AiOpencogClient {
  private readonly progressEmitter = new Emitter<{ jobId: string; progress: JobProgress }>();
  readonly onDidReportProgress: Event<{ jobId: string; progress: JobProgress }> = this.progressEmitter.event;

  onJobProgress(jobId: string, progress: JobProgress): void {
    this.progressEmitter.fire({ jobId, progress });
  }
}
