// Bundles the Node-side entry points with esbuild (dependencies stay external, loaded from node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'main/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
