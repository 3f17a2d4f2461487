/**
 * A generated archive for tests and `npm run bench -- --only archive`: N episodes (Contract 1) in a
 * folder used through RED_BOX_EPISODES_DIR, never committed. Each has ~100 cues in English (the
 * source) and Korean with the same ids, 1–4 questions read out as chapters, 2–4 speakers (every
 * fifth episode has an anonymous one, shown by a pseudonym) and the same silent MP4.
 *
 * The words are drawn the way transcripts use them: the bundled episode's words at their own
 * frequencies, mixed with a Zipf-distributed vocabulary of made-up words (English ones inflected
 * with -s/-ed/-ing, Korean ones with particles attached), so the search index sees thousands of
 * distinct terms as a real archive would, not a few hundred repeated ones. Everything comes from
 * a seeded generator: the same options give the same archive.
 */
import { copyFileSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KOREAN_PARTICLES } from '../../src/core/search-terms.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { formatTimestamp } from '../../src/core/vtt-serialize.ts';
import { ENGLISH_AND_KOREAN_TRACKS, random } from '../bench/long-episode.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const MEDIA = path.join(PROJECT_ROOT, 'tests/fixtures/media/silent-400s.mp4');
/** Seconds of MEDIA; every generated cue ends before it. */
const MEDIA_DURATION = 400;
const BUNDLED = path.join(PROJECT_ROOT, 'episodes/misunderstandings-and-stereotypes');

const SPEAKER_NAMES = [
  'Hyemin',
  'Taesung',
  'Eunji',
  'Kwangho',
  'Sunhee',
  'Jinwoo',
  'Yuna',
  'Dongho',
  'Minseo',
  'Chulsoo',
  'Boram',
  'Gyuri',
];

/** Pseudonyms of anonymous speakers: names that occur nowhere else in the archive. */
export const PSEUDONYMS = ['Byeolnim', 'Haneulbit', 'Dalsaegi', 'Nuribom'];

/** Questions from the box (test data: English and Korean). */
const QUESTIONS: readonly (readonly [string, string])[] = [
  ['What do you miss most about home?', '고향에서 가장 그리운 것은 무엇인가요?'],
  ['What surprised you when you first arrived?', '처음 도착했을 때 무엇이 놀라웠나요?'],
  ['What food reminds you of your childhood?', '어린 시절을 떠올리게 하는 음식은 무엇인가요?'],
  ['How did you learn to use a smartphone?', '스마트폰 쓰는 법은 어떻게 배웠나요?'],
  ['What do people get wrong about your hometown?', '사람들이 당신의 고향에 대해 오해하는 것은?'],
  ['What was your first job like?', '첫 직장은 어땠나요?'],
  ['What would you tell your younger self?', '어린 시절의 나에게 무슨 말을 해 주고 싶나요?'],
  ['What does freedom mean to you?', '당신에게 자유란 무엇인가요?'],
  ['What holiday do you celebrate the most?', '가장 즐겨 보내는 명절은 무엇인가요?'],
  ['What music did you listen to growing up?', '자라면서 어떤 음악을 들었나요?'],
  ['What is hard about making friends here?', '이곳에서 친구를 사귀기 어려운 점은?'],
  ['What do you dream about for the future?', '앞으로 어떤 꿈을 꾸고 있나요?'],
];

// Particles written onto made-up Korean words (none for some): the short, common ones.
const KOREAN_ENDINGS = ['', '', '', ...KOREAN_PARTICLES.filter((particle) => particle.length <= 2)];
const ENGLISH_ENDINGS = ['', '', '', 's', 'ed', 'ing'];
const LATIN_SYLLABLES =
  'ba be bi bo da de di do fa fe ga go ha he ka ke ko la le li lo ma me mi mo na ne ni no pa pe ra re ri ro sa se si so ta te ti to va ve za zo'.split(
    ' ',
  );

export interface PlantedLine {
  /** Episode number, 0 = the first generated (the oldest). */
  readonly episode: number;
  /** Cue number in the episode, 0-based; not a cue that reads a question (1, and k·(n−1)/q + 1). */
  readonly cue: number;
  readonly en?: string;
  readonly ko?: string;
}

export interface ArchiveOptions {
  readonly episodes: number;
  readonly cuesPerEpisode?: number;
  readonly seed?: number;
  /** Lines put in place of generated ones, for tests that search for them. */
  readonly plant?: readonly PlantedLine[];
  /** Strings (any case) that generated text never contains, so a test can count planted ones. */
  readonly reserved?: readonly string[];
}

export interface GeneratedEpisode {
  readonly id: string;
  readonly title: string;
  readonly published: string;
  /** Pseudonyms of this episode's anonymous speakers. */
  readonly anonymousNames: readonly string[];
  readonly speakerNames: readonly string[];
  readonly cueIds: readonly string[];
  readonly questions: readonly {
    readonly id: string;
    readonly en: string;
    readonly ko: string;
    readonly cueId: string;
    readonly startTime: number;
  }[];
}

/** The bundled episode's cue texts in one language, each as its words (punctuation kept). */
function bundledLines(lang: 'en' | 'ko'): string[][] {
  const text = readFileSync(path.join(BUNDLED, `transcript.${lang}.vtt`), 'utf8');
  return parseVtt(text).document.cues.map((cue) => cue.text.split(/\s+/).filter(Boolean));
}

/** Which word follows which in the bundled transcript (a bigram chain; '' starts a line). */
function bigramChain(lines: readonly string[][]): Map<string, string[]> {
  const chain = new Map<string, string[]>();
  for (const words of lines) {
    let previous = '';
    for (const word of words) {
      const followers = chain.get(previous) ?? [];
      followers.push(word);
      chain.set(previous, followers);
      previous = word;
    }
  }
  return chain;
}

/** Pick from `items` with weights 1/rank (Zipf's law). */
function zipfPicker(items: readonly string[], next: () => number): () => string {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, rank) => cumulative.push((total += 1 / (rank + 1))));
  return () => {
    const target = next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return items[low]!;
  };
}

function madeUpLatinWord(next: () => number): string {
  const count = 2 + Math.floor(next() * 3);
  return Array.from(
    { length: count },
    () => LATIN_SYLLABLES[Math.floor(next() * LATIN_SYLLABLES.length)]!,
  ).join('');
}

function madeUpHangulWord(next: () => number): string {
  const count = 2 + Math.floor(next() * 2);
  // Common jamo only (ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅎ, ㅏㅓㅗㅜㅡㅣ, no final or ㄱㄴㄹㅁㅇ), so the words look Korean.
  const initials = [0, 2, 3, 5, 6, 7, 9, 11, 12, 18];
  const medials = [0, 4, 8, 13, 18, 20];
  const finals = [0, 0, 0, 1, 4, 8, 16, 21];
  const pick = (list: readonly number[]): number => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () =>
    String.fromCharCode(0xac00 + (pick(initials) * 21 + pick(medials)) * 28 + pick(finals)),
  ).join('');
}

/**
 * The generator of line text for one language: the bundled transcript's bigram chain, with about
 * one word in three replaced by a made-up one (Zipf-distributed, inflected).
 */
function lineMaker(
  lang: 'en' | 'ko',
  next: () => number,
  isReserved: (word: string) => boolean,
): () => string {
  const chain = bigramChain(bundledLines(lang));
  const madeUp = new Set<string>();
  while (madeUp.size < 6000) {
    const word = lang === 'en' ? madeUpLatinWord(next) : madeUpHangulWord(next);
    if (!isReserved(word)) madeUp.add(word);
  }
  const pickMadeUp = zipfPicker([...madeUp], next);
  const endings = lang === 'en' ? ENGLISH_ENDINGS : KOREAN_ENDINGS;
  const madeUpWord = (): string => {
    for (;;) {
      const inflected = pickMadeUp() + endings[Math.floor(next() * endings.length)]!;
      if (!isReserved(inflected)) return inflected;
    }
  };
  const [min, spread] = lang === 'en' ? [6, 7] : [3, 4];
  return () => {
    const length = min + Math.floor(next() * spread);
    const words: string[] = [];
    let previous = '';
    while (words.length < length) {
      const followers = chain.get(previous) ?? chain.get('')!;
      const candidate = followers[Math.floor(next() * followers.length)]!;
      const word = next() < 0.3 || isReserved(candidate) ? madeUpWord() : candidate;
      words.push(word);
      previous = candidate;
    }
    return words.join(' ');
  };
}

function isoDate(daysAfter: number): string {
  return new Date(Date.UTC(2019, 0, 7) + daysAfter * 86_400_000).toISOString().slice(0, 10);
}

function vttText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The id of generated episode `index` (0-based). */
export function generatedEpisodeId(index: number): string {
  return `archive-episode-${String(index + 1).padStart(3, '0')}`;
}

function putMedia(folder: string): void {
  mkdirSync(path.join(folder, 'media'), { recursive: true });
  const target = path.join(folder, 'media/episode.mp4');
  try {
    // One file on disk for the whole archive; the build copies it per episode.
    linkSync(MEDIA, target);
  } catch {
    copyFileSync(MEDIA, target);
  }
}

/** Write the archive into `episodesDir` (which should be empty); returns what was generated. */
export function writeArchive(episodesDir: string, options: ArchiveOptions): GeneratedEpisode[] {
  const next = random(options.seed ?? 2024);
  const reserved = [...(options.reserved ?? []), ...PSEUDONYMS, ...SPEAKER_NAMES].map((word) =>
    word.toLowerCase(),
  );
  const isReserved = (word: string): boolean => {
    const lower = word.toLowerCase();
    return reserved.some((part) => lower.includes(part));
  };
  const english = lineMaker('en', next, isReserved);
  const korean = lineMaker('ko', next, isReserved);
  const cueCount = options.cuesPerEpisode ?? 100;
  const generated: GeneratedEpisode[] = [];

  for (let index = 0; index < options.episodes; index++) {
    const id = generatedEpisodeId(index);
    const folder = path.join(episodesDir, id);
    putMedia(folder);
    const castSize = 2 + Math.floor(next() * 3);
    const first = Math.floor(next() * SPEAKER_NAMES.length);
    const cast = Array.from({ length: castSize }, (_, i) => ({
      id: `s${i + 1}`,
      name: SPEAKER_NAMES[(first + i) % SPEAKER_NAMES.length]!,
      anonymous: false,
    }));
    if (index % 5 === 4) {
      // The last speaker of every fifth episode is anonymous: a pseudonym, no portrait.
      cast[cast.length - 1] = {
        id: `s${cast.length}`,
        name: PSEUDONYMS[((index / 5) % PSEUDONYMS.length) | 0]!,
        anonymous: true,
      };
    }
    const questionCount = 1 + Math.floor(next() * 4);
    const firstQuestion = Math.floor(next() * QUESTIONS.length);
    const chapterStarts = Array.from(
      { length: questionCount },
      (_, i) => 1 + Math.floor((i * (cueCount - 1)) / questionCount),
    );

    const clash = options.plant?.find(
      (line) => line.episode === index && chapterStarts.includes(line.cue),
    );
    if (clash) {
      throw new Error(
        `[archive] cue ${clash.cue} of episode ${index} reads a question (cues ${chapterStarts.join(', ')}): plant the line elsewhere`,
      );
    }
    const en = ['WEBVTT', ''];
    const ko = ['WEBVTT', ''];
    const cueIds: string[] = [];
    const starts: number[] = [];
    let time = 2;
    let speaker = 0;
    for (let cue = 0; cue < cueCount; cue++) {
      const cueId = `c${String(cue + 1).padStart(3, '0')}`;
      const duration = 2 + next() * 1.2;
      const chapter = chapterStarts.indexOf(cue);
      let enText: string;
      let koText: string;
      if (chapter >= 0) {
        // The first speaker reads the question from the box.
        speaker = 0;
        [enText, koText] = QUESTIONS[(firstQuestion + chapter) % QUESTIONS.length]!;
      } else {
        if (cue === 0 || next() < 0.15) speaker = 1 + Math.floor(next() * (cast.length - 1));
        const planted = options.plant?.find((line) => line.episode === index && line.cue === cue);
        enText = planted?.en ?? english();
        koText = planted?.ko ?? korean();
      }
      const timing = `${formatTimestamp(time)} --> ${formatTimestamp(time + duration)}`;
      const voice = `<v ${cast[speaker]!.name}>`;
      en.push(cueId, timing, voice + vttText(enText), '');
      ko.push(cueId, timing, voice + vttText(koText), '');
      cueIds.push(cueId);
      starts.push(time);
      time += duration + 0.3;
    }
    const end = Math.min(MEDIA_DURATION, time);

    const questions = chapterStarts.map((cue, i) => {
      const [questionEn, questionKo] = QUESTIONS[(firstQuestion + i) % QUESTIONS.length]!;
      return {
        id: `q${i + 1}`,
        en: questionEn,
        ko: questionKo,
        cueId: cueIds[cue]!,
        startTime: Math.round(starts[cue]! * 1000) / 1000,
      };
    });
    for (const lang of ['en', 'ko'] as const) {
      const lines = ['WEBVTT', ''];
      questions.forEach((question, i) => {
        const chapterEnd = questions[i + 1]?.startTime ?? end;
        lines.push(
          question.id,
          `${formatTimestamp(question.startTime)} --> ${formatTimestamp(chapterEnd)}`,
          question[lang],
          '',
        );
      });
      writeFileSync(path.join(folder, `chapters.${lang}.vtt`), lines.join('\n'));
    }
    writeFileSync(path.join(folder, 'transcript.en.vtt'), en.join('\n'));
    writeFileSync(path.join(folder, 'transcript.ko.vtt'), ko.join('\n'));

    const title = `${questions[0]!.en.replace(/\?$/, '')} (episode ${index + 1})`;
    const published = isoDate(index * 7);
    writeFileSync(
      path.join(folder, 'episode.json'),
      JSON.stringify(
        {
          id,
          title,
          series: 'The Red Box',
          published,
          summary: `Generated test episode ${index + 1}: ${questions.map((q) => q.en).join(' ')}`,
          sourceLanguage: 'en',
          media: {
            sources: [{ src: 'media/episode.mp4', type: 'video/mp4' }],
            duration: MEDIA_DURATION,
            frameRate: 1,
          },
          speakers: cast.map(({ id: speakerId, name, anonymous }) =>
            anonymous ? { id: speakerId, name, anonymous } : { id: speakerId, name },
          ),
          tracks: ENGLISH_AND_KOREAN_TRACKS,
        },
        null,
        2,
      ) + '\n',
    );
    generated.push({
      id,
      title,
      published,
      anonymousNames: cast.filter((member) => member.anonymous).map((member) => member.name),
      speakerNames: cast.map((member) => member.name),
      cueIds,
      questions,
    });
  }
  return generated;
}
