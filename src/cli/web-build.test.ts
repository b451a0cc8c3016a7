import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleState, webBuildPaths } from './web-build.ts';

describe('OPS-1 web bundle freshness for `hongtu serve`', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });

  function project(): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hongtu-web-'));
    roots.push(root);
    mkdirSync(path.join(root, 'src/web/pages'), { recursive: true });
    writeFileSync(path.join(root, 'src/web/pages/Home.tsx'), 'export {};');
    return root;
  }
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

  it('skips the build with a warning when there is no vite.config.ts', () => {
    expect(bundleState(webBuildPaths(project()))).toBe('no-config');
  });

  it('builds when the bundle is missing, not when it is newer than every source', () => {
    const root = project();
    const paths = webBuildPaths(root);
    writeFileSync(paths.configFile, 'export default {};');
    expect(bundleState(paths)).toBe('missing');
    mkdirSync(path.dirname(paths.bundleIndex), { recursive: true });
    writeFileSync(paths.bundleIndex, '<!doctype html>');
    for (const f of [
      paths.configFile,
      path.join(root, 'src/web/pages/Home.tsx'),
      path.join(root, 'src/web/pages'),
      path.join(root, 'src/web'),
    ]) {
      at(f, 1_000_000);
    }
    at(paths.bundleIndex, 2_000_000);
    expect(bundleState(paths)).toBe('fresh');
  });

  it('rebuilds when a web source, a shared domain file or the Vite config changed after the build', () => {
    const root = project();
    const paths = webBuildPaths(root);
    writeFileSync(paths.configFile, 'export default {};');
    mkdirSync(path.dirname(paths.bundleIndex), { recursive: true });
    writeFileSync(paths.bundleIndex, '<!doctype html>');
    const page = path.join(root, 'src/web/pages/Home.tsx');
    for (const f of [paths.configFile, page, path.join(root, 'src/web/pages'), path.join(root, 'src/web')]) at(f, 1_000_000);
    at(paths.bundleIndex, 2_000_000);
    at(page, 3_000_000);
    expect(bundleState(paths)).toBe('stale');
    at(page, 1_000_000);
    mkdirSync(path.join(root, 'src/domain'));
    writeFileSync(path.join(root, 'src/domain/codes.ts'), 'export {};');
    at(path.join(root, 'src/domain/codes.ts'), 3_000_000);
    at(path.join(root, 'src/domain'), 1_000_000);
    expect(bundleState(paths)).toBe('stale');
    rmSync(path.join(root, 'src/domain'), { recursive: true });
    at(paths.configFile, 3_000_000);
    expect(bundleState(paths)).toBe('stale');
  });
});
