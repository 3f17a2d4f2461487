/**
 * Builds the embed's classic scripts with Vite's own bundler (no extra dependency), each one
 * self-contained and minified (an IIFE): the partner loader, src/embed-loader → `embed.js` (works
 * with `async`), and the first code of the pre-rendered embed and watch pages, inlined in their
 * heads.
 */
import path from 'node:path';
import { build, type Rolldown } from 'vite';

export const LOADER_ENTRY = 'src/embed-loader/embed-loader.ts';
export const SERVED_EMBED_START_ENTRY = 'src/features/embed/served-embed-start.ts';
export const SERVED_WATCH_START_ENTRY = 'src/features/viewer/served-watch-start.ts';

function outputChunks(result: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((output) =>
    output.output.filter((item): item is Rolldown.OutputChunk => item.type === 'chunk'),
  );
}

/** One entry's code as a classic script; `name` is the IIFE's global (for a script that exports). */
async function buildClassicScript(root: string, entry: string, name: string): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      minify: true,
      // Partners' pages run on old browsers too: nothing newer than what every current one has.
      target: 'es2019',
      emptyOutDir: false,
      lib: {
        entry: path.resolve(root, entry),
        formats: ['iife'],
        name,
        fileName: () => `${name}.js`,
      },
    },
  });
  const [chunk] = outputChunks(result);
  if (!chunk) throw new Error(`[red-box] building ${entry} produced no code`);
  return chunk.code;
}

/** The loader's code (embed.js). */
export function buildEmbedLoader(root: string): Promise<string> {
  return buildClassicScript(root, LOADER_ENTRY, 'RedBoxPlayerLoader');
}

/** A pre-rendered page's first code, for an inline `<script>`: nothing in it may end the element. */
async function buildInlineScript(root: string, entry: string, name: string): Promise<string> {
  const code = await buildClassicScript(root, entry, name);
  if (/<\/script/i.test(code)) throw new Error(`[red-box] ${entry} built contains </script`);
  return code;
}

/** The pre-rendered embed page's first code (served-embed-start.ts). */
export function buildServedEmbedStart(root: string): Promise<string> {
  return buildInlineScript(root, SERVED_EMBED_START_ENTRY, 'RedBoxServedEmbed');
}

/** The pre-rendered watch page's first code (served-watch-start.ts). */
export function buildServedWatchStart(root: string): Promise<string> {
  return buildInlineScript(root, SERVED_WATCH_START_ENTRY, 'RedBoxServedWatch');
}
