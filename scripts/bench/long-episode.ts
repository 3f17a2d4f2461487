/**
 * A generated long episode, as interviews run: 10,000 cues over three hours, four speakers in
 * turns, a question every 400 cues, English and a second language with the same ids. Used by the
 * long-transcript browser tests and `npm run bench`.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatTimestamp } from '../../src/core/vtt-serialize.ts';

export const LONG_EPISODE_ID = 'long-interview';
/** The same long episode with a timestamp tag on every word (~100,000 timed words). */
export const LONG_WORDS_EPISODE_ID = 'long-interview-words';
const MEDIA = path.resolve(import.meta.dirname, '../../tests/fixtures/media/silent-3h.webm');
const SPEAKERS = ['mina', 'jun', 'sora', 'host'];
const WORDS = [
  'freedom',
  'family',
  'school',
  'market',
  'river',
  'winter',
  'letter',
  'music',
  'border',
  'friend',
  'kitchen',
  'train',
  'garden',
  'story',
  'morning',
  'language',
  'future',
  'memory',
  'village',
  'city',
];
const KOREAN_WORDS = [
  '자유',
  '가족',
  '학교',
  '시장',
  '강',
  '겨울',
  '편지',
  '음악',
  '국경',
  '친구',
  '부엌',
  '기차',
];

/** English and Korean transcripts with their chapters, as generated episodes name them. */
export const ENGLISH_AND_KOREAN_TRACKS = [
  { lang: 'en', label: 'English', transcript: 'transcript.en.vtt', chapters: 'chapters.en.vtt' },
  { lang: 'ko', label: '한국어', transcript: 'transcript.ko.vtt', chapters: 'chapters.ko.vtt' },
] as const;

/** Deterministic pseudo-random numbers, so every run has the same transcript. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

export interface LongEpisodeOptions {
  readonly cueCount?: number;
  /** Seconds per cue, gap included. */
  readonly step?: number;
  /**
   * Time every English word (as the aligner writes them: a timestamp tag before each word after
   * a cue's first), ten words per cue, in the folder LONG_WORDS_EPISODE_ID.
   */
  readonly words?: boolean;
  /** The folder and episode id (default LONG_EPISODE_ID, or LONG_WORDS_EPISODE_ID with `words`). */
  readonly id?: string;
}

/**
 * Write the episode folder `<episodesDir>/long-interview` (or, with `words`,
 * `long-interview-words`, or `id`); returns its path.
 */
export function writeLongEpisode(episodesDir: string, options: LongEpisodeOptions = {}): string {
  const cueCount = options.cueCount ?? 10_000;
  const step = options.step ?? 1.08;
  const id = options.id ?? (options.words ? LONG_WORDS_EPISODE_ID : LONG_EPISODE_ID);
  const folder = path.join(episodesDir, id);
  mkdirSync(path.join(folder, 'media'), { recursive: true });
  copyFileSync(MEDIA, path.join(folder, 'media/silent.webm'));
  const next = random(42);
  const english = ['WEBVTT', ''];
  const second = ['WEBVTT', ''];
  const chaptersEn = ['WEBVTT', ''];
  const chaptersKo = ['WEBVTT', ''];
  let speaker = 0;
  for (let i = 0; i < cueCount; i++) {
    if (i % 7 === 0) speaker = Math.floor(next() * SPEAKERS.length);
    const start = i * step;
    const end = start + step - 0.08;
    const cueId = `L${String(i + 1).padStart(5, '0')}`;
    const timing = `${formatTimestamp(start)} --> ${formatTimestamp(end)}`;
    const words = Array.from(
      { length: options.words ? 8 : 4 + Math.floor(next() * 5) },
      () => WORDS[Math.floor(next() * WORDS.length)]!,
    );
    const koWords = Array.from(
      { length: 3 + Math.floor(next() * 3) },
      () => KOREAN_WORDS[Math.floor(next() * KOREAN_WORDS.length)]!,
    );
    const voice = i % 7 === 0 ? `<v ${SPEAKERS[speaker]}>` : '';
    const line = [`Line`, `${i + 1}:`, ...words.slice(0, -1), `${words[words.length - 1]}.`];
    // Timed: word w starts w × (cue length / words) into the cue.
    const text = options.words
      ? line
          .map((word, w) =>
            w === 0
              ? word
              : `<${formatTimestamp(start + (w * (end - start)) / line.length)}>${word}`,
          )
          .join(' ')
      : line.join(' ');
    english.push(cueId, timing, `${voice}${text}`, '');
    second.push(cueId, timing, `${voice}${i + 1}번째 줄: ${koWords.join(' ')}.`, '');
    if (i % 400 === 0) {
      const chapterEnd = Math.min(cueCount, i + 400) * step;
      const chapterId = `q${i / 400 + 1}`;
      const chapterTiming = `${formatTimestamp(start)} --> ${formatTimestamp(chapterEnd)}`;
      chaptersEn.push(
        chapterId,
        chapterTiming,
        `Question ${i / 400 + 1}: what do you remember about ${words[0]}?`,
        '',
      );
      chaptersKo.push(
        chapterId,
        chapterTiming,
        `질문 ${i / 400 + 1}: ${koWords[0]}에 대해 무엇을 기억하나요?`,
        '',
      );
    }
  }
  writeFileSync(path.join(folder, 'transcript.en.vtt'), english.join('\n'));
  writeFileSync(path.join(folder, 'transcript.ko.vtt'), second.join('\n'));
  writeFileSync(path.join(folder, 'chapters.en.vtt'), chaptersEn.join('\n'));
  writeFileSync(path.join(folder, 'chapters.ko.vtt'), chaptersKo.join('\n'));
  writeFileSync(
    path.join(folder, 'episode.json'),
    JSON.stringify(
      {
        id,
        title: options.words
          ? 'A long interview with timed words (generated test data)'
          : 'A long interview (generated test data)',
        series: 'The Red Box',
        published: '2025-06-01',
        sourceLanguage: 'en',
        media: { sources: [{ src: 'media/silent.webm', type: 'video/webm' }], duration: 10800 },
        speakers: SPEAKERS.map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) })),
        tracks: ENGLISH_AND_KOREAN_TRACKS,
      },
      null,
      2,
    ),
  );
  return folder;
}
