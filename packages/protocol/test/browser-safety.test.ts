import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the protocol package runs in browsers', () => {
  const dir = join(__dirname, '..', 'src');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s uses no Node-only module or global', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const module of imports) expect(module === 'zod' || module!.startsWith('./')).toBe(true);
    expect(source).not.toMatch(/\b(require\(|process\.|Buffer\b|__dirname|setImmediate)/);
  });
});
