/**
 * An episode's precomputed waveform (src/core/waveform.ts), fetched only by the translator
 * workspace. The file is stored gzipped; a host that serves it with `Content-Encoding: gzip`
 * hands over the plain bytes instead, so the gzip header decides.
 */
import { queryOptions } from '@tanstack/react-query';
import { decodeWaveform, type Waveform } from '../core/waveform.ts';
import { episodeFileUrl } from './episode-urls.ts';
import { fetchBytes } from './http.ts';

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The waveform at `path` (episode.json's `media.waveform`); throws what is wrong with it. */
export function waveformQueryOptions(episodeId: string, path: string) {
  return queryOptions({
    queryKey: ['episodes', episodeId, 'file', path, 'waveform'] as const,
    queryFn: async ({ signal }): Promise<Waveform> => {
      const fetched = await fetchBytes(episodeFileUrl(episodeId, path), signal);
      const decoded = decodeWaveform(isGzip(fetched) ? await gunzip(fetched) : fetched);
      if (!decoded.ok) throw new Error(decoded.message);
      return decoded.waveform;
    },
    staleTime: Infinity,
  });
}
