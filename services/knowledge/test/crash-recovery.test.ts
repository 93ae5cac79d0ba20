import { CONTENT_TYPES, StreamClient } from '@ai-opencog/protocol';
import { openPGliteStore } from '@ai-opencog/storage';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { isInternalBase } from '../src/bases/internal-bases';
import { datasetTypes } from './support/atoms';
import { startChild, type ChildService } from './support/child-service';
import { tempDir, TOKENS } from './support/harness';
import { inheritanceLines, upload } from './support/upload';

async function waitFor(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Integration: the compiled service (lib/main.js) as a child process on 127.0.0.1:0 with PGlite
// in a temporary folder, killed with SIGKILL and started again on the same folder.
describe('durability across SIGKILL', () => {
  const dir = tempDir('knowledge-crash-');
  const children: ChildService[] = [];
  afterAll(async () => {
    // A failed test may leave one running: stop it before its folder goes.
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exit));
    dir.remove();
  });

  it('keeps every write the service acknowledged, and nothing of an all-or-nothing import that had not committed', async () => {
    const env = { JOBS_MAX_CONCURRENT: '3', IMPORT_BATCH_SIZE: '1000' };
    const first = startChild(dir.path, env);
    children.push(first);
    const url = await first.url;
    const admin = await first.client();
    const writer = await first.client(TOKENS.write);
    for (const name of ['direct', 'staged', 'sync']) await admin.createBase({ name });

    // Two large imports at once: one storing as it reads (its progress says how many top-level
    // atoms are stored: acknowledged), one all-or-nothing (staged, trickling in, and far too long
    // to have committed when the service is killed).
    const direct = upload(`${url}/v1/bases/direct/import?atomic=false`, TOKENS.write, CONTENT_TYPES.atomese, inheritanceLines(400_000, 1_000, 'd'));
    const staged = upload(`${url}/v1/bases/staged/import`, TOKENS.write, CONTENT_TYPES.atomese, inheritanceLines(20_000_000, 100, 's'), { pauseMs: 50 });
    const stream = new StreamClient({ baseUrl: url, token: TOKENS.read, WebSocket: WebSocket as never, tokenIn: 'header', reconnect: false });
    stream.connect();
    let acknowledged = 0;
    let stagedSoFar = 0;
    stream.subscribeJob(await direct.jobId, (m) => {
      if (m.type === 'job-progress') acknowledged = Math.max(acknowledged, Number(/, (\d+) stored$/.exec(m.progress.message ?? '')?.[1] ?? 0));
    });
    stream.subscribeJob(await staged.jobId, (m) => {
      if (m.type === 'job-progress') stagedSoFar = Math.max(stagedSoFar, Number(/, (\d+) staged$/.exec(m.progress.message ?? '')?.[1] ?? 0));
    });
    // Meanwhile, synchronous writes one after another: acknowledged by their 200.
    const synced: string[] = [];
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i++) {
        try {
          await writer.addBaseAtoms('sync', { atomese: `(Concept "w${i}" (stv 0.5 0.25))` });
          synced.push(`w${i}`);
        } catch {
          return;
        }
      }
    })();

    await waitFor(() => acknowledged >= 3_000 && stagedSoFar > 0 && synced.length >= 3, 240_000, () => `the imports to get going: ${acknowledged} acknowledged, ${stagedSoFar} staged, ${synced.length} single writes`);
    first.process.kill('SIGKILL');
    expect(await first.exit).toEqual({ code: null, signal: 'SIGKILL' });
    writing = false;
    await writes;
    stream.close();
    await Promise.all([direct.done, staged.done]);
    const acknowledgedAtKill = acknowledged;
    const syncedAtKill = [...synced];

    const second = startChild(dir.path, env);
    children.push(second);
    try {
      const client = await second.client();
      // Every top-level atom the import said was stored is there: the links d0..d(n-1) with their concepts.
      const lines = (await (await client.exportAtoms('direct', { format: 'jsonl' })).text()).split('\n').filter(Boolean);
      const links = new Set<string>();
      for (const line of lines) {
        const atom = JSON.parse(line) as { type: string; outgoing?: { name: string }[] };
        if (atom.type === 'InheritanceLink') links.add(atom.outgoing![0]!.name);
      }
      const missing = Array.from({ length: acknowledgedAtKill }, (_, i) => `d${i}`).filter((n) => !links.has(n));
      expect(missing).toEqual([]);
      expect(links.size).toBeGreaterThanOrEqual(acknowledgedAtKill);

      // The all-or-nothing import had not committed: nothing of it.
      expect((await client.getBase('staged')).atomCount).toBe(0);

      // Every synchronous write that was answered 200.
      const found = new Set((await client.searchAtoms('sync', { name: 'w', limit: 1000 })).items.map((i) => i.atom.name));
      expect(syncedAtKill.filter((n) => !found.has(n))).toEqual([]);
      expect((await client.searchAtoms('sync', { name: syncedAtKill[0]!, match: 'exact' })).items[0]!.atom.tv).toEqual({ type: 'stv', strength: 0.5, confidence: 0.25 });

      // The restarted service cleaned up after the dead one.
      expect(second.lines.some((l) => l.msg === 'dropped the staging base of an import that did not commit')).toBe(true);
      expect(second.other).toEqual([]);
    } finally {
      second.process.kill('SIGTERM');
      expect(await second.exit).toEqual({ code: 0, signal: null });
    }
    const store = await openPGliteStore({ dataDir: join(dir.path, 'data'), types: datasetTypes() });
    try {
      expect((await store.listBases()).map((b) => b.name).filter(isInternalBase)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 420_000);
});
