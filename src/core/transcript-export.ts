/** The transcript as plain text, for the viewer's ".txt" download and for printing elsewhere. */
import type { Chapter, Cue } from './cue-model.ts';
import type { Speaker } from './episode-model.ts';
import { formatClock } from './time-format.ts';

export interface TextExportOptions {
  /** Lines at the top: title, series and credits. */
  readonly heading: readonly string[];
  readonly speakers: readonly Pick<Speaker, 'id' | 'name'>[];
  readonly chapters: readonly Chapter[];
  /** How a question is introduced ("Question"). */
  readonly questionLabel: string;
}

/**
 * Speaker turns with the timestamp of their first line, each cue on its own line (cue line
 * breaks joined), and the question from the box where each chapter starts.
 */
export function transcriptToText(cues: readonly Cue[], options: TextExportOptions): string {
  const names = new Map(options.speakers.map((speaker) => [speaker.id, speaker.name]));
  const chapters = [...options.chapters].sort((a, b) => a.startTime - b.startTime);
  const out: string[] = [...options.heading, ''];
  let nextChapter = 0;
  let previousSpeaker: string | null | undefined;
  for (const cue of cues) {
    while (nextChapter < chapters.length && chapters[nextChapter]!.startTime <= cue.startTime) {
      out.push('', `${options.questionLabel}: ${chapters[nextChapter]!.question}`, '');
      nextChapter++;
      previousSpeaker = undefined;
    }
    if (cue.speakerId !== previousSpeaker) {
      if (previousSpeaker !== undefined) out.push('');
      const name = (cue.speakerId && names.get(cue.speakerId)) || cue.voice || '';
      out.push(`[${formatClock(cue.startTime)}] ${name}`.trimEnd());
      previousSpeaker = cue.speakerId;
    }
    out.push(
      cue.text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' '),
    );
  }
  // Chapters and turns each open with a blank line; never leave two in a row.
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
