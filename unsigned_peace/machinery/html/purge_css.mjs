// Remove the rules no page of the built book uses from its style sheets, with PurgeCSS.
// Usage: node purge_css.mjs REQUEST_JSON, where the request names the project root (whose node_modules
// holds purgecss), the content files (every HTML page and script) and the style sheets, each rewritten
// in place. Called by unsigned_peace/machinery/html/lean_assets.py at the end of an HTML build.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { PurgeCSS } = createRequire(join(request.root, 'package.json'))('purgecss');

const results = await new PurgeCSS().purge({
    content: request.content,
    css: request.css,
    // Unused @font-face rules go (the browser would not fetch those fonts anyway); custom properties
    // and keyframes stay, as the theme sets and reads them from its scripts.
    fontFace: true,
    keyframes: false,
    variables: false,
    // The theme switches light and dark mode with attributes its script sets on <html>.
    safelist: { greedy: [/data-theme/, /data-mode/, /data-bs-theme/] },
});
for (const result of results) {
    writeFileSync(result.file, result.css);
}
