/**
 * What an import leaves for a person to review: unmatched caption text, transcript text no caption
 * says, questions not found, stretches the aligner was unsure of, caption files in other languages
 * that did not line up, and defaults taken for missing inputs. Printed after the import and saved
 * as markdown (`.backup/import-report.md` in the episode, or a path given).
 */

/** One thing to review. `where` is `file:line:col` (or `file:line`) when it has a place. */
export interface ReviewItem {
  readonly topic: ReviewTopic;
  readonly where: string | null;
  readonly message: string;
}

export type ReviewTopic =
  'defaults' | 'speakers' | 'captions' | 'transcript' | 'alignment' | 'questions' | 'translations';

const HEADINGS: Record<ReviewTopic, string> = {
  defaults: 'Defaults taken for missing inputs',
  speakers: 'Speakers',
  captions: 'Caption text not in the transcript',
  transcript: 'Transcript text no caption says',
  alignment: 'Stretches the aligner was unsure of',
  questions: 'Questions',
  translations: 'Captions in other languages',
};

/** One line per item for the terminal: `where  message`. */
export function formatReviewLine(item: ReviewItem): string {
  return item.where ? `${item.where}  ${item.message}` : item.message;
}

/** The report as markdown, items grouped by topic in a fixed order. */
export function reviewMarkdown(
  episodeId: string,
  summary: readonly string[],
  items: readonly ReviewItem[],
): string {
  const lines = [`# Import of ${episodeId}`, '', ...summary.map((line) => `- ${line}`), ''];
  if (items.length === 0) {
    lines.push('Nothing needs review.', '');
    return lines.join('\n');
  }
  lines.push(`## To review (${items.length})`, '');
  for (const topic of Object.keys(HEADINGS) as ReviewTopic[]) {
    const own = items.filter((item) => item.topic === topic);
    if (own.length === 0) continue;
    lines.push(`### ${HEADINGS[topic]}`, '');
    for (const item of own)
      lines.push(`- ${item.where ? `\`${item.where}\` ` : ''}${item.message}`);
    lines.push('');
  }
  return lines.join('\n');
}
