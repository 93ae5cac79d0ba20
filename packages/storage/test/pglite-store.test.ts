import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPGliteStore } from '../src';
import { describeAtomStoreConformance } from './conformance/atom-store-conformance';

const dir = mkdtempSync(join(tmpdir(), 'ai-opencog-pglite-'));

describeAtomStoreConformance(
  'pglite',
  ({ types }) => openPGliteStore({ dataDir: dir, types }),
  async () => rmSync(dir, { recursive: true, force: true }),
);
