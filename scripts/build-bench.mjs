// Bundles the bench like the shipped CLI (esbuild, dependencies external) so it measures product code,
// not the TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: { bench: 'scripts/bench.ts', 'bench-simulators': 'scripts/bench-simulators.ts' },
  outdir: 'dist/bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
