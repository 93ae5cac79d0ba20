import { MessageService } from '@theia/core/lib/common/message-service';
import { ProgressService } from '@theia/core/lib/common/progress-service';
import { inject, injectable } from '@theia/core/shared/inversify';
import { AiOpencogService, type JobOutcome, type JobRequest } from '../common/ai-opencog-protocol';
import { AiOpencogFrontendClient } from './ai-opencog-frontend-client';

/**
 * Runs a job of the cognitive service with Theia's progress UI: a notification with the job's
 * progress (done/total and its message) and a Cancel button that cancels the job in the service.
 */
@injectable()
export class JobRunner {
  @inject(AiOpencogService) protected readonly service!: AiOpencogService;
  @inject(AiOpencogFrontendClient) protected readonly client!: AiOpencogFrontendClient;
  @inject(ProgressService) protected readonly progressService!: ProgressService;
  @inject(MessageService) protected readonly messages!: MessageService;

  /** The job's outcome; undefined when the user cancelled it. Failures are thrown. */
  async run(request: JobRequest, title: string): Promise<JobOutcome | undefined> {
    const jobId = await this.service.startJob(request);
    let cancelled = false;
    const progress = await this.progressService.showProgress({ text: title, options: { cancelable: true, location: 'notification' } }, () => {
      cancelled = true;
      this.service.cancelJob(jobId).catch(() => undefined);
    });
    const subscription = this.client.onDidReportProgress(({ jobId: id, progress: p }) => {
      if (id !== jobId) return;
      const counted = p.total > 0 ? `${p.done}/${p.total}` : `${p.done}`;
      progress.report({ message: p.message ? `${p.message} (${counted})` : counted, ...(p.total > 0 ? { work: { done: p.done, total: p.total } } : {}) });
    });
    try {
      return await this.service.awaitJob(jobId);
    } catch (error) {
      if (cancelled) {
        this.messages.info(`${title}: cancelled.`);
        return undefined;
      }
      throw error;
    } finally {
      subscription.dispose();
      progress.cancel();
    }
  }
}
