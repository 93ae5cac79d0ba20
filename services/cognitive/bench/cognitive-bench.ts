/*
 * Throughput and latency of the query endpoint (POST /v1/spaces/:space/query) at 50 concurrent
 * connections, beside a bare Node HTTP server answering a small JSON in the same run, measured
 * with autocannon. Each server runs in a child process of its own (the cognitive service as
 * `node lib/main.js`, built by `tsc -b`); the load comes from this process. Prints one JSON line
 * per workload with requests per second, p50/p99 latency and the server's resident memory.
 *
 * BENCH_DURATION_S (default 10) sets the length of each run; BENCH_CONNECTIONS (default 50).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TOKEN = 'bench-token-0123456789abcdef';

const BARE_SERVER = `
const http = require('node:http');
const body = JSON.stringify({ kind: 'set', complete: true, atoms: [{ type: 'ConceptNode', name: 'cat' }] });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('listening ' + server.address().port + '\\n'));
`;

/** Starts a child process and resolves with its port once it printed it. */
function startChild(args: string[], env: NodeJS.ProcessEnv, portOf: (line: string) => number | undefined): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout!.setEncoding('utf8');
    const onData = (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const port = portOf(line);
        if (port === undefined) continue;
        // From now on its output (one log line per request) is read and dropped.
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        return resolve({ child, port });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

async function load(url: string, options: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, ...options });
}

function report(workload: string, result: autocannon.Result, pid: number, extra: Record<string, unknown> = {}): void {
  const line = {
    workload,
    connections: CONNECTIONS,
    durationS: DURATION_S,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    serverRssMiB: rssMiB(pid),
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const bare = await startChild(['-e', BARE_SERVER], process.env, (line) => (/^listening (\d+)/.exec(line) ? Number(RegExp.$1) : undefined));
  const cognitive = await startChild(
    [join(__dirname, '..', 'lib', 'main.js')],
    {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      API_TOKENS: `bench:${TOKEN}:admin`,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
      KNOWLEDGE_URL: 'http://127.0.0.1:9',
    },
    (line) => {
      const m = /"msg":"cognitive [^"]* listening"/.test(line) ? /"port":(\d+)/.exec(line) : null;
      return m ? Number(m[1]) : undefined;
    },
  );
  const base = `http://127.0.0.1:${cognitive.port}`;
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  try {
    await fetch(`${base}/v1/spaces`, { method: 'POST', headers, body: JSON.stringify({ name: 'bench' }) });
    const links = Array.from({ length: 10_000 }, (_, i) => `(Inheritance (Concept "thing-${i}") (Concept "kind-${i % 100}"))`).join('\n');
    const added = await fetch(`${base}/v1/spaces/bench/atoms`, { method: 'POST', headers, body: JSON.stringify({ atomese: links }) });
    if (!added.ok) throw new Error(`adding the atoms failed: ${added.status} ${await added.text()}`);
    const query = JSON.stringify({ query: '(Get (Inheritance (Variable "$x") (Concept "kind-7")))' });
    const check = await fetch(`${base}/v1/spaces/bench/query`, { method: 'POST', headers, body: query });
    const answer = (await check.json()) as { atoms?: unknown[] };
    if (answer.atoms?.length !== 100) throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 200)}`);

    // Warm both up, then measure each alone.
    await load(`http://127.0.0.1:${bare.port}/`, { duration: 2, method: 'POST', body: query });
    report('bare node http.createServer, small JSON', await load(`http://127.0.0.1:${bare.port}/`, { method: 'POST', body: query }), bare.child.pid!);
    await load(`${base}/v1/spaces/bench/query`, { duration: 2, method: 'POST', headers, body: query });
    report(
      'cognitive POST /v1/spaces/:space/query, GetLink with 100 results over 10,000 InheritanceLinks',
      await load(`${base}/v1/spaces/bench/query`, { method: 'POST', headers, body: query }),
      cognitive.child.pid!,
      { spaceAtoms: 10_100 },
    );
  } finally {
    bare.child.kill('SIGTERM');
    cognitive.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
