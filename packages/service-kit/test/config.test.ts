import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, envBool, envInt, loadConfig, parseApiTokens, serviceConfigSchema } from '../src';

const TOKEN = 'abcdefghijklmnop0123';
const schema = serviceConfigSchema({
  PORT: envInt(8081, { max: 65_535 }),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED: envBool(true),
});

function problemsOf(env: Record<string, string>): Record<string, string[]> {
  try {
    loadConfig(schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const byVariable: Record<string, string[]> = {};
    for (const p of (error as ConfigError).problems) (byVariable[p.variable] ??= []).push(p.message);
    return byVariable;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('has safe defaults: loopback, auth on, and the service\'s own defaults', () => {
    const config = loadConfig(schema, { API_TOKENS: `ci:${TOKEN}:admin` });
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 8081,
      LOG_LEVEL: 'info',
      AUTH_MODE: 'tokens',
      BODY_LIMIT: 10 * 1024 * 1024,
      REQUEST_TIMEOUT_MS: 30_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      RATE_LIMIT_PER_MINUTE: 600,
      DATA_DIR: './data',
      EMBEDDED: true,
    });
    expect(config.API_TOKENS).toEqual([{ name: 'ci', token: TOKEN, role: 'admin' }]);
  });

  it('reads every variable it declares, and only those', () => {
    const config = loadConfig(schema, {
      HOST: '0.0.0.0',
      PORT: '9000',
      LOG_LEVEL: 'debug',
      AUTH_MODE: 'off',
      BODY_LIMIT: '512kb',
      EMBEDDED: 'no',
      UNRELATED: 'x',
    });
    expect(config).toMatchObject({ HOST: '0.0.0.0', PORT: 9000, LOG_LEVEL: 'debug', AUTH_MODE: 'off', BODY_LIMIT: 524_288, EMBEDDED: false });
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('names every bad variable at once, saying what is wrong', () => {
    expect(
      problemsOf({ PORT: '80a', LOG_LEVEL: 'loud', AUTH_MODE: 'maybe', BODY_LIMIT: 'lots', SHUTDOWN_TIMEOUT_MS: '5', EMBEDDED: 'perhaps', API_TOKENS: `a:${TOKEN}:read` }),
    ).toEqual({
      PORT: ['must be an integer'],
      LOG_LEVEL: ['must be one of fatal, error, warn, info, debug, trace, silent'],
      AUTH_MODE: ['must be one of tokens, off'],
      BODY_LIMIT: ['must be a size such as 1048576, 512kb or 10mb'],
      SHUTDOWN_TIMEOUT_MS: ['must be at least 100'],
      EMBEDDED: ['must be true or false'],
    });
    expect(problemsOf({ PORT: '70000', API_TOKENS: `a:${TOKEN}:read` })).toEqual({ PORT: ['must be at most 65535'] });
  });

  it('the ConfigError message lists each variable on its own line', () => {
    expect(() => loadConfig(schema, { PORT: 'x', LOG_LEVEL: 'y', API_TOKENS: `a:${TOKEN}:read` })).toThrow(
      /^invalid configuration:\n {2}PORT: must be an integer\n {2}LOG_LEVEL: must be one of/,
    );
  });

  it('needs a token unless AUTH_MODE=off is set explicitly', () => {
    expect(problemsOf({})).toEqual({
      API_TOKENS: ['AUTH_MODE=tokens needs at least one token in API_TOKENS or API_TOKENS_FILE (or set AUTH_MODE=off)'],
    });
    expect(loadConfig(schema, { AUTH_MODE: 'off' }).API_TOKENS).toEqual([]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig(schema, { AUTH_MODE: 'off', PORT: '', HOST: '' })).toMatchObject({ PORT: 8081, HOST: '127.0.0.1' });
  });

  it('reads tokens from API_TOKENS_FILE, with comments, and merges them with API_TOKENS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-config-'));
    const file = join(dir, 'tokens');
    writeFileSync(file, `# service tokens\nide:${TOKEN}x:write\n\nops:${TOKEN}y:admin  # on call\n`);
    const config = loadConfig(schema, { API_TOKENS_FILE: file, API_TOKENS: `ci:${TOKEN}:read` });
    expect(config.API_TOKENS.map((t) => `${t.name}/${t.role}`)).toEqual(['ci/read', 'ide/write', 'ops/admin']);
    expect(config).not.toHaveProperty('API_TOKENS_FILE');
    expect(problemsOf({ API_TOKENS_FILE: join(dir, 'missing') })).toEqual({ API_TOKENS_FILE: ['cannot read the file: ENOENT'] });
  });

  it('checks each token entry without ever printing a token', () => {
    const { tokens, problems } = parseApiTokens(`good:${TOKEN}:read, bad-format, weak:short:read, who:${TOKEN}z:root, again:${TOKEN}:write`);
    expect(tokens).toEqual([{ name: 'good', token: TOKEN, role: 'read' }]);
    expect(problems).toEqual([
      'entry 2 is not name:token:role',
      'entry 3 (weak): the token must be 16-256 characters of A-Z a-z 0-9 ._~+/=-',
      'entry 4 (who): the role must be one of read, write, admin',
      'entry 5 (again): the same token is given twice',
    ]);
    expect(problems.join('\n')).not.toContain(TOKEN);
    expect(problems.join('\n')).not.toContain('short');
  });
});
