import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codeForStatus,
  ERROR_CODES,
  ERROR_STATUS,
  errorBodySchema,
  isErrorCode,
  KERNEL_ERROR_CODES,
  ServiceError,
} from '../src';

describe('error codes', () => {
  it('has every code the services promise, each with one HTTP status', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining([
      'BAD_REQUEST', 'VALIDATION_FAILED', 'PARSE_ERROR', 'NOT_FOUND', 'SPACE_NOT_FOUND', 'BASE_NOT_FOUND', 'JOB_NOT_FOUND',
      'CONFLICT', 'UNAUTHORIZED', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'QUERY_TIMEOUT', 'QUERY_ABORTED',
      'UNAVAILABLE', 'INTERNAL',
    ]));
    expect(ERROR_STATUS).toMatchObject({
      BAD_REQUEST: 400, VALIDATION_FAILED: 400, PARSE_ERROR: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404,
      CONFLICT: 409, PAYLOAD_TOO_LARGE: 413, RATE_LIMITED: 429, INTERNAL: 500, UNAVAILABLE: 503,
    });
    for (const code of ERROR_CODES) expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
  });

  it('maps every code of the kernel\'s AtomSpaceError to a wire code', () => {
    // Read from the kernel's source so that a code added there and forgotten here fails this test.
    const source = readFileSync(join(__dirname, '..', '..', 'atomspace', 'src', 'errors.ts'), 'utf8');
    const union = /export type AtomSpaceErrorCode =([^;]+);/.exec(source)![1]!;
    const kernelCodes = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect(Object.keys(KERNEL_ERROR_CODES).sort()).toEqual([...kernelCodes].sort());
    for (const wire of Object.values(KERNEL_ERROR_CODES)) expect(isErrorCode(wire)).toBe(true);
    expect(KERNEL_ERROR_CODES.NOT_IN_SPACE).toBe('ATOM_NOT_FOUND');
    expect(ERROR_STATUS[KERNEL_ERROR_CODES.HAS_INCOMING]).toBe(409);
  });

  it('a ServiceError has its code\'s status and writes the one error body', () => {
    const error = new ServiceError('PARSE_ERROR', 'kb.scm:3:14: unknown type FooLink', { file: 'kb.scm', line: 3, column: 14 });
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.status]).toEqual(['ServiceError', 400]);
    expect(errorBodySchema.parse(error.toBody())).toEqual({
      error: { code: 'PARSE_ERROR', message: 'kb.scm:3:14: unknown type FooLink', details: { file: 'kb.scm', line: 3, column: 14 } },
    });
    expect(new ServiceError('INTERNAL', 'x').toBody()).toEqual({ error: { code: 'INTERNAL', message: 'x' } });
    const received = ServiceError.fromInfo({ code: 'RATE_LIMITED', message: 'slow down' }, 429);
    expect([received.code, received.status, received.message]).toEqual(['RATE_LIMITED', 429, 'slow down']);
  });

  it('the error body rejects unknown codes', () => {
    expect(errorBodySchema.safeParse({ error: { code: 'TEAPOT', message: '' } }).success).toBe(false);
  });

  it('guesses a code from a status when a response has no error body', () => {
    expect([400, 401, 403, 404, 413, 418, 429, 500, 502, 503, 504].map(codeForStatus)).toEqual([
      'BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST', 'RATE_LIMITED',
      'INTERNAL', 'UNAVAILABLE', 'UNAVAILABLE', 'TIMEOUT',
    ]);
  });
});
