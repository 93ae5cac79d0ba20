import { z } from 'zod';
import { atomJsonSchema, handleSchema, valueJsonSchema } from './atoms';
import { errorInfoSchema } from './errors';
import { resourceNameSchema } from './fields';
import { jobIdSchema, jobKindSchema, jobProgressSchema } from './jobs';
import { LIMITS } from './limits';

/*
 * Messages of the WebSocket stream at `/v1/stream`, JSON text frames, each with a `type`.
 * A client subscribes to a space's atom changes (cognitive service) and to jobs (both services);
 * every client message may carry an `id` that the reply (`ack` or `error`) echoes.
 * Subscribing to a job that already finished answers with its final message at once.
 */

export const STREAM_PATH = '/v1/stream';

const messageId = z.string().min(1).max(LIMITS.messageId).optional();

export const streamClientMessageSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('subscribe-space'), id: messageId, space: resourceNameSchema }),
    z.strictObject({ type: z.literal('unsubscribe-space'), id: messageId, space: resourceNameSchema }),
    z.strictObject({ type: z.literal('subscribe-job'), id: messageId, jobId: jobIdSchema }),
    z.strictObject({ type: z.literal('unsubscribe-job'), id: messageId, jobId: jobIdSchema }),
    /** An application-level ping, for browsers (which cannot send WebSocket pings). */
    z.strictObject({ type: z.literal('ping'), id: messageId }),
  ])
  .meta({ id: 'StreamClientMessage' });

const atomEvent = { space: resourceNameSchema, handle: handleSchema, atom: atomJsonSchema };
const jobEvent = { jobId: jobIdSchema, kind: jobKindSchema };

export const streamServerMessageSchema = z
  .discriminatedUnion('type', [
    /** The client message with this id was carried out. */
    z.object({ type: z.literal('ack'), id: messageId }),
    z.object({ type: z.literal('pong'), id: messageId }),
    /** A client message failed (bad JSON, bad schema, unknown space or job...); the stream stays open. */
    z.object({ type: z.literal('error'), id: messageId, error: errorInfoSchema }),
    z.object({ type: z.literal('atom-added'), ...atomEvent }),
    z.object({ type: z.literal('atom-removed'), ...atomEvent }),
    /**
     * A value of an atom changed: its truth value (`value.kind` 'tv'), its attention value ('av'),
     * or the value under `key`; `value` is null when a keyed value was removed.
     */
    z.object({
      type: z.literal('value-changed'),
      ...atomEvent,
      key: atomJsonSchema.optional(),
      value: valueJsonSchema.nullable(),
    }),
    z.object({ type: z.literal('job-progress'), ...jobEvent, progress: jobProgressSchema }),
    z.object({ type: z.literal('job-finished'), ...jobEvent, result: z.unknown() }),
    z.object({ type: z.literal('job-failed'), ...jobEvent, error: errorInfoSchema }),
    z.object({ type: z.literal('job-cancelled'), ...jobEvent }),
  ])
  .meta({ id: 'StreamServerMessage' });

export type StreamClientMessage = z.infer<typeof streamClientMessageSchema>;
export type StreamServerMessage = z.infer<typeof streamServerMessageSchema>;
/** The server message of one `type`. */
export type StreamServerMessageOf<T extends StreamServerMessage['type']> = Extract<StreamServerMessage, { type: T }>;
export type AtomEventMessage = StreamServerMessageOf<'atom-added' | 'atom-removed' | 'value-changed'>;
export type JobEventMessage = StreamServerMessageOf<'job-progress' | 'job-finished' | 'job-failed' | 'job-cancelled'>;

/** WebSocket close codes the services use. */
export const STREAM_CLOSE_CODES = {
  /** The service is shutting down: reconnect (to another instance). */
  goingAway: 1001,
  /** The client sent something the stream cannot take (e.g. a frame over the size limit). */
  policyViolation: 1008,
  /** The client reads too slowly; its buffer overflowed. */
  tryAgainLater: 1013,
} as const;
