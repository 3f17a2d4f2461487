/**
 * The four files a workspace shows: the source language's transcript and chapters (read-only
 * reference) and the language being edited. Each is fetched with its ETag through the save API
 * (or from the published files where there is none) and parsed with the episode's cast. The
 * queries follow the disk (the dev server reports changes); the session decides what to do with
 * a new version: the reference updates, the working copy is never replaced without asking.
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SpeakerRef } from '../../core/cue-model.ts';
import type { Episode, Track } from '../../core/episode-model.ts';
import { parseVtt, type ParseResult } from '../../core/vtt-parse.ts';
import {
  cueFileTextQueryOptions,
  type LoadedText,
  type SaveMode,
} from '../../data/translation-api.ts';
import type { FileKind } from './workspace-session.ts';

/** A cue file as loaded and parsed. */
export interface WorkspaceFile {
  readonly kind: FileKind;
  readonly name: string;
  readonly loaded: LoadedText;
  readonly parsed: ParseResult;
}

export interface WorkspaceFiles {
  readonly source: { readonly transcript: WorkspaceFile; readonly chapters: WorkspaceFile | null };
  readonly target: { readonly transcript: WorkspaceFile; readonly chapters: WorkspaceFile | null };
}

export interface WorkspaceFilesQuery {
  readonly files: WorkspaceFiles | null;
  readonly error: unknown;
  readonly isPending: boolean;
  refetch(): void;
}

const parsedCache = new WeakMap<LoadedText, ParseResult>();

/** Parse once per loaded version (a refetch with the same text yields a new object: parse it). */
function parseLoaded(
  loaded: LoadedText,
  name: string,
  kind: FileKind,
  speakers: readonly SpeakerRef[],
): ParseResult {
  let parsed = parsedCache.get(loaded);
  if (!parsed) {
    parsed = parseVtt(loaded.text, { file: name, kind, speakers });
    parsedCache.set(loaded, parsed);
  }
  return parsed;
}

export function useWorkspaceFiles(
  episode: Episode,
  source: Track,
  target: Track,
  mode: SaveMode,
): WorkspaceFilesQuery {
  const { transcript: sourceName, chapters: sourceChaptersName } = source;
  const { transcript: targetName, chapters: targetChaptersName } = target;
  const results = useQueries({
    queries: [sourceName, sourceChaptersName, targetName, targetChaptersName].map((name) => ({
      ...cueFileTextQueryOptions(episode.id, name ?? '', mode),
      enabled: name !== undefined,
    })),
  });
  const speakers = episode.speakers;
  const [sourceText, sourceChaptersText, targetText, targetChaptersText] = results.map(
    (result) => result.data,
  );
  const files = useMemo((): WorkspaceFiles | null => {
    /** The file, null when the track names none, undefined while loading. */
    const file = (
      kind: FileKind,
      name: string | undefined,
      loaded: LoadedText | undefined,
    ): WorkspaceFile | null | undefined => {
      if (name === undefined) return null;
      if (!loaded) return undefined;
      return { kind, name, loaded, parsed: parseLoaded(loaded, name, kind, speakers) };
    };
    const sourceTranscript = file('transcript', sourceName, sourceText);
    const sourceChapters = file('chapters', sourceChaptersName, sourceChaptersText);
    const targetTranscript = file('transcript', targetName, targetText);
    const targetChapters = file('chapters', targetChaptersName, targetChaptersText);
    if (!sourceTranscript || !targetTranscript) return null;
    if (sourceChapters === undefined || targetChapters === undefined) return null;
    return {
      source: { transcript: sourceTranscript, chapters: sourceChapters },
      // Chapters are edited only where the source has them too (they align by id).
      target: { transcript: targetTranscript, chapters: sourceChapters ? targetChapters : null },
    };
  }, [
    sourceName,
    sourceChaptersName,
    targetName,
    targetChaptersName,
    sourceText,
    sourceChaptersText,
    targetText,
    targetChaptersText,
    speakers,
  ]);

  const failed = results.find((result) => result.isError);
  return {
    files,
    error: failed?.error ?? null,
    isPending: !files && !failed,
    refetch: () => results.forEach((result) => void result.refetch()),
  };
}
