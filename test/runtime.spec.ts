import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Guildhall brings its own Node.js as a pinned dependency (the `node` package), so the tests, the
 * service and the scripts run on the LTS line it was built for, whatever Node the machine has.
 */
describe('the runtime', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    engines: { node: string };
    dependencies: Record<string, string>;
  };

  it('is Node.js 24 LTS', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(process.release.lts).toEqual(expect.any(String));
  });

  it('is exactly the Node.js pinned in package.json, not the system one', () => {
    expect(process.versions.node).toBe(manifest.dependencies.node);
    expect(manifest.engines.node).toBe('>=24');
  });
});
