/** CachedAtomStore is transparent: the whole conformance suite passes through it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachedAtomStore, MemoryCache, openPGliteStore } from '../src';
import { describeAtomStoreConformance } from './conformance/atom-store-conformance';

const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-cached-'));
const cache = new MemoryCache();

describeAtomStoreConformance(
  'pglite behind CachedAtomStore',
  async ({ types }) => new CachedAtomStore(await openPGliteStore({ dataDir: dir, types }), { cache }),
  async () => rmSync(dir, { recursive: true, force: true }),
);
