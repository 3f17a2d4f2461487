/**
 * The one place that touches webvtt-parser. Everything else in the project sees our own model.
 *
 * The library's default entity table decodes `&amp;` as `&;` (see ENVIRONMENT.md), so the parser is
 * always built with the full HTML entity table that ships with the package.
 */
import webvtt from 'webvtt-parser';
import type { Cue as LibraryCue, Error as LibraryError, Tree, TreeNode } from 'webvtt-parser';
import htmlEntities from 'webvtt-parser/html-entities.json';

export type { LibraryCue, LibraryError, Tree as LibraryTree, TreeNode as LibraryTreeNode };

type EntityTable = ConstructorParameters<typeof webvtt.WebVTTParser>[0];

/** The full entity table, `&name;` → text, as webvtt-parser wants it. */
export const entityTable = htmlEntities as unknown as NonNullable<EntityTable>;

let sharedParser: InstanceType<typeof webvtt.WebVTTParser> | undefined;

/** Parse a (small) WebVTT text with the library; `mode` 'chapters' enables its chapter-title rules. */
export function parseWithLibrary(
  text: string,
  mode: 'subtitles' | 'chapters' | 'metadata' = 'subtitles',
): { cues: LibraryCue[]; errors: LibraryError[]; styles: string[] } {
  sharedParser ??= new webvtt.WebVTTParser(entityTable);
  return sharedParser.parse(text, mode);
}

/** True when `name` (with the leading `&`, without `;`) is a known character reference. */
export function isKnownEntity(nameWithAmpersand: string): boolean {
  return Object.prototype.hasOwnProperty.call(entityTable, nameWithAmpersand + ';');
}
