import { z } from 'zod';

/** The open (unauthenticated) paths every service serves besides its route table. */
export const OPERATIONAL_PATHS = {
  health: '/healthz',
  ready: '/readyz',
  metrics: '/metrics',
  openApi: '/v1/openapi.json',
} as const;

/** `/healthz`: the process is alive. */
export const healthSchema = z
  .object({
    status: z.literal('ok'),
    service: z.string(),
    version: z.string(),
    uptimeSeconds: z.number().min(0),
  })
  .meta({ id: 'Health' });

/** One dependency as `/readyz` found it. */
export const readinessCheckSchema = z
  .object({
    name: z.string(),
    status: z.enum(['up', 'down']),
    latencyMs: z.number().min(0),
    error: z.string().optional(),
  })
  .meta({ id: 'ReadinessCheck' });

/** `/readyz`: 200 `ready` when every dependency is up, else 503 `unavailable`. */
export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    service: z.string(),
    checks: z.array(readinessCheckSchema),
  })
  .meta({ id: 'Readiness' });

export type Health = z.infer<typeof healthSchema>;
export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;
export type Readiness = z.infer<typeof readinessSchema>;
