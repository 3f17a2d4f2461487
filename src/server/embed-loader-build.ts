/**
 * Builds the partner loader, src/embed-loader → one self-contained, minified `embed.js` (an IIFE:
 * a classic script that works with `async`), with Vite's own bundler: no extra dependency.
 */
import path from 'node:path';
import { build, type Rolldown } from 'vite';

export const LOADER_ENTRY = 'src/embed-loader/embed-loader.ts';

function outputChunks(result: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((output) =>
    output.output.filter((item): item is Rolldown.OutputChunk => item.type === 'chunk'),
  );
}

/** The loader's code. */
export async function buildEmbedLoader(root: string): Promise<string> {
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
        entry: path.resolve(root, LOADER_ENTRY),
        formats: ['iife'],
        name: 'RedBoxPlayerLoader',
        fileName: () => 'embed.js',
      },
    },
  });
  const [chunk] = outputChunks(result);
  if (!chunk) throw new Error('[red-box] building embed.js produced no code');
  return chunk.code;
}
