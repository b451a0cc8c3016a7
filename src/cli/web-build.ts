import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `hongtu serve` rebuilds the web bundle only when a source is newer than
 * it, so a warm `npm start` skips Vite entirely. The web app imports the
 * shared pure functions in src/domain, so they count as web sources too.
 */
export interface WebBuildPaths {
  root: string;
  configFile: string;
  sources: string[];
  bundleIndex: string;
}

export function webBuildPaths(root: string): WebBuildPaths {
  return {
    root,
    configFile: path.join(root, 'vite.config.ts'),
    sources: [path.join(root, 'src/web'), path.join(root, 'src/domain')],
    bundleIndex: path.join(root, 'dist/web/index.html'),
  };
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    // A directory's time changes when a file in it is deleted or renamed.
    if (!entry.isFile() && !entry.isDirectory()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export type BundleState = 'fresh' | 'missing' | 'stale' | 'no-config';

export function bundleState(paths: WebBuildPaths): BundleState {
  if (!existsSync(paths.configFile)) return 'no-config';
  if (!existsSync(paths.bundleIndex)) return 'missing';
  const built = statSync(paths.bundleIndex).mtimeMs;
  const newest = Math.max(statSync(paths.configFile).mtimeMs, ...paths.sources.map(newestMtime));
  return newest > built ? 'stale' : 'fresh';
}

/** Builds the bundle through Vite's JS API when it is missing or older than its sources. */
export async function ensureWebBundle(paths: WebBuildPaths, log: (line: string) => void = console.log): Promise<BundleState> {
  const state = bundleState(paths);
  if (state === 'no-config') {
    log(`warning: ${path.relative(paths.root, paths.configFile)} not found; serving without building the web app`);
    return state;
  }
  if (state === 'fresh') return state;
  const t0 = performance.now();
  log(state === 'missing' ? 'Building the web app…' : 'Web sources changed; rebuilding the web app…');
  const { build } = await import('vite');
  await build({ configFile: paths.configFile, logLevel: 'warn' });
  log(`Web app built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return state;
}
