import type { AtomJson, TypeDeclaration } from '@ai-opencog/atomspace';
import { MAX_MINER_BOUND } from '@ai-opencog/learning';
import {
  ServiceError,
  type CognitiveRoutes,
  type RouteBody,
} from '@ai-opencog/protocol';
import type { JobContext, JobManager, ServiceMetrics } from '@ai-opencog/service-kit';
import type { KnowledgeSync } from '../knowledge/knowledge-sync';
import { applyChanges, atomsToAdd, structureOf } from '../spaces/atom-changes';
import { resolveAtom } from '../spaces/space-atoms';
import type { Space } from '../spaces/space';
import type { WorkingMemory } from '../spaces/working-memory';
import type { InferenceTask } from './inference-tasks';
import { runInWorker } from './worker-runner';

export interface JobLimits {
  /** Default and largest run time of a job. */
  timeLimitMs: number;
  memoryLimitMb: number;
  maxResultItems: number;
}

type Body<K extends keyof CognitiveRoutes> = RouteBody<CognitiveRoutes[K]>;

/**
 * The long operations of the cognitive service, each started as a job of the JobManager (202
 * with its id; progress, result, failure or cancellation over the stream and GET /v1/jobs):
 * loads and saves (on the event loop, streaming), and forward and backward chaining, mining and
 * attention cycles (in a worker thread each, on a snapshot of the space; what they change is
 * applied to the space when they succeed — all of it, or none when the job fails, is cancelled
 * or would overfill the space).
 */
export class CognitiveJobs {
  constructor(
    private readonly deps: {
      jobs: JobManager;
      memory: WorkingMemory;
      knowledge: KnowledgeSync;
      metrics: ServiceMetrics;
      types: readonly TypeDeclaration[];
      limits: JobLimits;
    },
  ) {}

  /** Refuses what a load cannot do before anything is made (a snapshot: see README). */
  checkLoadSource(source: { base: string; snapshot?: string }): void {
    if (source.snapshot !== undefined) {
      throw new ServiceError(
        'BAD_REQUEST',
        `loading snapshot ${source.snapshot} is not possible: the knowledge service exports a base's current atoms only (its export route takes no snapshot)`,
      );
    }
  }

  load(space: Space, source: { base: string; snapshot?: string }): string {
    this.checkLoadSource(source);
    return this.deps.jobs.start('load', (job) => this.deps.knowledge.load(space, source.base, job), { timeLimitMs: this.deps.limits.timeLimitMs });
  }

  save(space: Space, request: { base: string; mode: 'merge' | 'replace'; createBase: boolean }): string {
    return this.deps.jobs.start('save', (job) => this.deps.knowledge.save(space, request, job), { timeLimitMs: this.deps.limits.timeLimitMs });
  }

  forwardChain(space: Space, body: Body<'forwardChain'>): string {
    const timeLimitMs = this.timeLimit(body.timeLimitMs);
    return this.startInference(space, { kind: 'forward-chain', request: { ...body, timeLimitMs } }, timeLimitMs, true);
  }

  backwardChain(space: Space, body: Body<'backwardChain'>): string {
    const timeLimitMs = this.timeLimit(body.timeLimitMs);
    return this.startInference(space, { kind: 'backward-chain', request: { ...body, timeLimitMs } }, timeLimitMs, true);
  }

  mine(space: Space, body: Body<'mine'>): string {
    for (const [field, value] of [['maximumConjuncts', body.maximumConjuncts], ['maximumVariables', body.maximumVariables]] as const) {
      if (value !== undefined && value > MAX_MINER_BOUND) throw new ServiceError('BAD_REQUEST', `${field} is at most ${MAX_MINER_BOUND} for this miner`);
    }
    const measure: string = body.surprisingness;
    if (measure !== 'none' && measure !== 'isurp' && measure !== 'nisurp') {
      throw new ServiceError('BAD_REQUEST', `surprisingness ${measure} is not implemented: use none, isurp or nisurp`);
    }
    const timeLimitMs = this.timeLimit(body.timeLimitMs);
    const request = {
      minsup: body.minsup,
      ...(body.texts !== undefined ? { texts: body.texts } : {}),
      ...(body.initialPattern !== undefined ? { initialPattern: body.initialPattern } : {}),
      ...(body.maximumConjuncts !== undefined ? { maximumConjuncts: body.maximumConjuncts } : {}),
      ...(body.maximumVariables !== undefined ? { maximumVariables: body.maximumVariables } : {}),
      ...(body.maximumPatterns !== undefined ? { maximumPatterns: body.maximumPatterns } : {}),
      ...(measure !== 'none' ? { surprisingness: measure as 'isurp' | 'nisurp' } : {}),
      timeLimitMs,
    };
    return this.startInference(space, { kind: 'mine', request }, timeLimitMs, true);
  }

  /** The stimulated atoms must be in the space (ATOM_NOT_FOUND at once otherwise). */
  attention(space: Space, body: Body<'runAttention'>): string {
    const stimuli = body.stimuli.map(({ atom, stimulus }) => ({ atom: structureOf(resolveAtom(space, atom)) as AtomJson, stimulus }));
    const timeLimitMs = this.timeLimit(body.timeLimitMs);
    const request = { stimuli, cycles: body.cycles, focusSize: body.focusSize, ...(body.seed !== undefined ? { seed: body.seed } : {}) };
    return this.startInference(space, { kind: 'attention', request }, timeLimitMs, false);
  }

  /** The job's time limit: the one asked for, at most the configured one. */
  private timeLimit(asked: number | undefined): number {
    return Math.min(asked ?? this.deps.limits.timeLimitMs, this.deps.limits.timeLimitMs);
  }

  /**
   * Starts a worker job. Tasks that take the time limit themselves (chainers, miner) stop at it
   * with what they found; the job's own limit comes a little later, for the snapshot and the
   * changes. Attention cycles are stopped by the job's limit (TIMEOUT).
   */
  private startInference(space: Space, task: InferenceTask, timeLimitMs: number, graceful: boolean): string {
    const { jobs, limits, metrics } = this.deps;
    const grace = graceful ? Math.min(10_000, Math.max(1_000, timeLimitMs / 10)) : 0;
    return jobs.start(
      task.kind,
      async (job: JobContext) => {
        const stop = metrics.inferenceDuration.startTimer({ kind: task.kind });
        const output = await runInWorker(space.atoms, task, job, {
          types: this.deps.types,
          memoryLimitMb: limits.memoryLimitMb,
          maxResultItems: limits.maxResultItems,
        });
        stop();
        if (job.signal.aborted) throw job.signal.reason;
        if (this.deps.memory.get(space.name) !== space) throw new ServiceError('SPACE_NOT_FOUND', `space ${space.name} was dropped while the job ran`);
        this.deps.memory.checkRoom(space, atomsToAdd(space.atoms, output.changes));
        applyChanges(space.atoms, output.changes);
        return output.result;
      },
      { timeLimitMs: timeLimitMs + grace },
    );
  }
}
