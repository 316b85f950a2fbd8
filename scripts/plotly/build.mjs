// Build the book's plotly.js bundle (entry.js) with esbuild, into the file the Sphinx extension ships.
// Run by scripts/setup.sh whenever package-lock.json or this folder changes.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(join(root, 'package.json'));
const { version } = JSON.parse(readFileSync(require.resolve('plotly.js/package.json'), 'utf8'));
export const outfile = join(root, 'node_modules', '.cache', 'unsigned-peace', 'plotly.min.js');

await build({
    entryPoints: [join(here, 'entry.js')],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2016',
    // The same settings as plotly.js's own build (its esbuild-config.js), less the WebGL and map plugins.
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    alias: { stream: 'stream-browserify' },
    // Only map traces import a style sheet (maplibre's), and the book draws none.
    loader: { '.css': 'empty' },
    // The Sphinx extension reads the version from this line and checks it against the plotly package.
    banner: { js: `/** plotly.js (the book's partial bundle: scatter, bar, heatmap) v${version} */` },
    logLevel: 'warning',
});
console.log(`plotly.js ${version} bundle written to ${outfile}`);
