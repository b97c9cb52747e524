// Rollup plugin for the demo pages: adds a `<link rel="modulepreload">` for every module the
// page's module script reaches through static imports, so the browser asks for all of them
// with the page instead of one import level per round trip (hashed chunk names included,
// which the page's source cannot know). Modules built in this bundle are read from it; the
// library's, from disk (rollup.config.mjs builds the library first).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const IMPORT = /(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g;
const MODULE_SCRIPT = /<script type="module" src="([^"]+)"><\/script>/;

const fromDisk = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : null);

/**
 * Every module `entry` reaches through relative imports, itself first; `read` gives a module's
 * code, or null for one that is not there.
 */
export function importGraph(entry, read = fromDisk) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    const code = read(file);
    if (code === null) return;
    seen.add(file);
    for (const [, spec] of code.matchAll(IMPORT)) visit(normalize(join(dirname(file), spec)));
  };
  visit(entry);
  return [...seen];
}

export function modulePreload({ dir }) {
  return {
    name: 'digit-pad-modulepreload',
    generateBundle(_, bundle) {
      const read = (file) => {
        const inBundle = bundle[relative(dir, file)];
        if (inBundle) return inBundle.type === 'chunk' ? inBundle.code : null;
        return fromDisk(file);
      };
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue;
        const html = String(asset.source);
        const script = html.match(MODULE_SCRIPT);
        if (!script) continue;
        const page = join(dir, dirname(asset.fileName));
        const links = importGraph(normalize(join(page, script[1])), read)
          .slice(1)
          .map((file) => `<link rel="modulepreload" href="${relative(page, file)}" />`);
        if (links.length === 0) continue;
        asset.source = html.replace(script[0], `${links.join('\n    ')}\n    ${script[0]}`);
      }
    },
  };
}
