/**
 * npm run media [episode folder] [--timings-only] [--hls-only] [--keep-temp]
 *
 * Generates the stand-in media of an episode from its source-language transcript: every cue is
 * spoken by espeak-ng (one voice per speaker, several at once for a group), the clips are laid on
 * a timeline with natural pauses, and the cue timings are written back into every transcript and
 * chapters file (timestamps only); the source transcript also gets a timestamp tag before each
 * word, timed by the aligner's core inside each cue's window. Then slides (title, speaker and question cards) and the
 * soundtrack are encoded to media/episode.webm, media/episode.mp4 and media/poster.jpg, and
 * media.duration / media.frameRate are updated in episode.json, and the workspace's waveform
 * (media/waveform.bin, media.waveform) is made from the encoded sound. Last, an HLS ladder
 * (media/hls/, scripts/media/hls.ts) is encoded from the MP4 and listed first in media.sources.
 *
 * --timings-only retimes the cue files without encoding video (faster when only text changed);
 * --hls-only encodes only the HLS ladder, from the MP4 already in the folder;
 * --keep-temp keeps the clips, cards and soundtrack in the temporary folder for inspection.
 * Needs ffmpeg (with librsvg) and espeak-ng; the outputs are committed, so nobody else does.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Speaker } from '../../src/core/episode-model.ts';
import type { ParsedCue } from '../../src/core/vtt-parse.ts';
import { endCard, questionCard, speakerCard, titleCard, type CardContext } from './cards.ts';
import { loadEpisode as loadAndCheckEpisode } from '../../src/core/episode-load.ts';
import { displayLength } from '../../src/core/reading-profile.ts';
import { fsEpisodeSource } from '../../src/server/episode-files.ts';
import {
  encodePoster,
  encodeVideos,
  mixInto,
  sizeOf,
  writeWav,
  type VideoSegment,
} from './encode.ts';
import {
  loadEpisode,
  retimeText,
  updateEpisodeMedia,
  withFirstSource,
  writeIfChanged,
  type LoadedEpisode,
  type Timings,
} from './episode-files.ts';
import {
  SAMPLES_PER_MS,
  assignVoices,
  findSpeech,
  isGroupSpeaker,
  speechText,
  synthesize,
} from './speech.ts';
import {
  DEFAULT_TIMELINE,
  planTimeline,
  type Card,
  type Timeline,
  type TimelineCue,
} from './timeline.ts';
import { encodeHlsLadder, hlsSource } from './hls.ts';
import { probeDuration, probeStreams, requireTools } from './tools.ts';
import { writeWaveformFile } from './waveform-file.ts';
import { tagWordTimes } from './word-timings.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_EPISODE = path.join(ROOT, 'episodes/misunderstandings-and-stereotypes');
const FRAME_RATE = DEFAULT_TIMELINE.frameRate;
/** Audio kept around the words: a little lead-in and release so clips do not click. */
const PRE_ROLL_MS = 20;
const POST_ROLL_MS = 60;
const MEDIA_BUDGET_BYTES = 10 * 1024 * 1024;
/** The HLS ladder's folder, relative to the episode. */
const HLS_DIR = 'media/hls';

interface SpokenCue {
  readonly cue: ParsedCue;
  readonly speakerId: string;
  readonly samples: Int16Array;
  /** Sample range of the words inside `samples` (end exclusive). */
  readonly speech: { start: number; end: number };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const timingsOnly = args.includes('--timings-only');
  const keepTemp = args.includes('--keep-temp');
  const dir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_EPISODE);

  await requireTools();
  if (args.includes('--hls-only')) {
    const changed = await renderHls(dir);
    console.log(`  files rewritten: ${changed.length ? changed.join(', ') : 'none'}`);
    return;
  }
  const loaded = await loadEpisode(dir);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'redbox-media-'));
  try {
    const spoken = await speakAll(loaded, workDir);
    const timeline = planTimeline(toTimelineCues(loaded, spoken), {
      ...DEFAULT_TIMELINE,
      frameRate: FRAME_RATE,
    });
    const changed = await writeTimings(loaded, timeline);

    const soundtrack = assembleSoundtrack(spoken, timeline);
    if (await writeWordTimes(loaded, timeline, soundtrack)) {
      const name = path.basename(loaded.source.transcript.path);
      if (!changed.includes(name)) changed.push(name);
    }
    const wav = path.join(workDir, 'soundtrack.wav');
    await writeWav(wav, soundtrack);

    let sizes: Record<string, number> = {};
    if (!timingsOnly) {
      sizes = await renderMedia(loaded, timeline, wav, workDir);
      const probed = await probeDuration(path.join(dir, 'media/episode.webm'));
      // WebM stores Opus's encoder delay (6.5 ms) before zero, so it may report a few ms more.
      if (Math.abs(probed - timeline.durationMs / 1000) > 1 / FRAME_RATE) {
        console.warn(
          `[red-box] webm lasts ${probed} s, the plan said ${timeline.durationMs / 1000} s`,
        );
      }
    }
    if (await updateEpisodeMedia(dir, timeline.durationMs / 1000, FRAME_RATE))
      changed.push('episode.json');
    if (!timingsOnly) {
      // The workspace's waveform, from the sound as published (after encoding).
      const waveform = await writeWaveformFile(dir, path.join(dir, 'media/episode.webm'));
      for (const file of waveform.changed) if (!changed.includes(file)) changed.push(file);
      for (const file of await renderHls(dir)) if (!changed.includes(file)) changed.push(file);
    }
    await printSummary(loaded.dir, timeline, sizes, changed, timingsOnly);
  } finally {
    if (keepTemp) console.log(`  temporary files kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

/** Speak every source cue with its speaker's voice and measure where its words are. */
async function speakAll(loaded: LoadedEpisode, workDir: string): Promise<SpokenCue[]> {
  const voices = assignVoices(loaded.episode.speakers);
  const spoken: SpokenCue[] = [];
  for (const [i, cue] of loaded.source.transcript.cues.entries()) {
    // The core resolved every cue's speaker (a cue without a voice keeps the previous one).
    const speakerId = cue.speakerId;
    if (!speakerId) throw new Error(`Cue ${cue.id || i + 1} has no speaker`);
    const samples = await synthesize(
      speechText(cue.text),
      voices.get(speakerId)!,
      workDir,
      `cue-${i}`,
    );
    spoken.push({ cue, speakerId, samples, speech: findSpeech(samples) });
    progress(`Speaking cues: ${i + 1}/${loaded.source.transcript.cues.length}`);
  }
  progress('', true);
  return spoken;
}

/** A progress line that rewrites itself on a terminal and stays quiet in logs. */
function progress(message: string, done = false): void {
  if (!process.stdout.isTTY) return;
  process.stdout.write(done ? '\n' : `\r${message}`);
}

/** Which cue each chapter starts with: the first cue starting at or after the chapter's start. */
function chapterStartCues(loaded: LoadedEpisode): Set<number> {
  const cues = loaded.source.transcript.cues;
  const starts = new Set<number>();
  for (const chapter of loaded.source.chapters?.cues ?? []) {
    // Timings in the files were written together, so the chapter starts exactly on its cue;
    // half a millisecond absorbs rounding in hand-edited files.
    const index = cues.findIndex((cue) => cue.startTime >= chapter.startTime - 0.0005);
    if (index < 0) throw new Error(`Chapter ${chapter.id} starts after the last cue`);
    starts.add(index);
  }
  return starts;
}

function toTimelineCues(loaded: LoadedEpisode, spoken: readonly SpokenCue[]): TimelineCue[] {
  const chapterStarts = chapterStartCues(loaded);
  const lang = loaded.source.track.lang;
  return spoken.map((entry, i) => ({
    id: entry.cue.id,
    speakerId: entry.speakerId,
    readingLength: displayLength(entry.cue.text, lang),
    // Whole milliseconds, rounded up, so the cue never ends before the last sound.
    speechMs: Math.ceil((entry.speech.end - entry.speech.start) / SAMPLES_PER_MS),
    startsChapter: chapterStarts.has(i),
  }));
}

/** Write the new timings into every track's transcript and chapters (timestamps only). */
async function writeTimings(loaded: LoadedEpisode, timeline: Timeline): Promise<string[]> {
  const cueTimings = new Map(
    timeline.cues.map((cue) => [
      cue.id,
      { startTime: cue.startMs / 1000, endTime: cue.endMs / 1000 },
    ]),
  );
  // A chapter runs from its question to the next question, the last one to the end.
  const chapterTimings = new Map<string, { startTime: number; endTime: number }>();
  (loaded.source.chapters?.cues ?? []).forEach((chapter, i) => {
    const start = timeline.chapterStartsMs[i]!;
    const end = timeline.chapterStartsMs[i + 1] ?? timeline.durationMs;
    chapterTimings.set(chapter.id, { startTime: start / 1000, endTime: end / 1000 });
  });

  const changed: string[] = [];
  for (const track of loaded.tracks) {
    const files: [typeof track.transcript | undefined, Timings][] = [
      [track.transcript, cueTimings],
      [track.chapters, chapterTimings],
    ];
    for (const [file, timings] of files) {
      if (!file) continue;
      const { text, untimed } = retimeText(file, timings);
      if (untimed.length)
        console.warn(
          `[red-box] ${path.basename(file.path)}: ids not in the source, left as they were: ${untimed.join(', ')}`,
        );
      if (await writeIfChanged(file.path, file.text, text)) changed.push(path.basename(file.path));
    }
  }
  return changed;
}

/**
 * Word timestamps in the source transcript, from the soundtrack (word-timings.ts). Returns true
 * when the file changed.
 */
async function writeWordTimes(
  loaded: LoadedEpisode,
  timeline: Timeline,
  soundtrack: Int16Array,
): Promise<boolean> {
  const file = loaded.source.transcript.path;
  const before = await readFile(file, 'utf8');
  const windows = timeline.cues.map((cue) => ({
    startTime: cue.startMs / 1000,
    speechEndTime: cue.speechEndMs / 1000,
  }));
  const after = await tagWordTimes(before, windows, soundtrack, loaded.source.track.lang);
  return writeIfChanged(file, before, after);
}

/** Place every clip so its first word sounds exactly at its cue's start. */
function assembleSoundtrack(spoken: readonly SpokenCue[], timeline: Timeline): Int16Array {
  const track = new Int16Array(timeline.durationMs * SAMPLES_PER_MS);
  spoken.forEach((entry, i) => {
    const pre = PRE_ROLL_MS * SAMPLES_PER_MS;
    const post = POST_ROLL_MS * SAMPLES_PER_MS;
    const from = Math.max(0, entry.speech.start - pre);
    const to = Math.min(entry.samples.length, entry.speech.end + post);
    const wordsAt = timeline.cues[i]!.startMs * SAMPLES_PER_MS;
    mixInto(track, entry.samples.subarray(from, to), wordsAt - (entry.speech.start - from));
  });
  return track;
}

/** Draw the cards, then encode both videos and the poster. Returns media sizes in bytes. */
async function renderMedia(
  loaded: LoadedEpisode,
  timeline: Timeline,
  wav: string,
  workDir: string,
): Promise<Record<string, number>> {
  const context: CardContext = { workDir, episodeDir: loaded.dir, episode: loaded.episode };
  const speakers = new Map<string, Speaker>(loaded.episode.speakers.map((s) => [s.id, s]));
  const questions = (loaded.source.chapters?.cues ?? []).map((chapter) => chapter.text);
  const cards = new Map<string, string>();
  const cardFor = async (slide: Card): Promise<string> => {
    const key =
      slide.kind === 'speaker'
        ? `speaker:${slide.speakerId}`
        : slide.kind === 'question'
          ? `question:${slide.chapterIndex}`
          : slide.kind;
    let file = cards.get(key);
    if (!file) {
      if (slide.kind === 'title') file = await titleCard(context);
      else if (slide.kind === 'end') file = await endCard(context);
      else if (slide.kind === 'question')
        file = await questionCard(context, slide.chapterIndex, questions[slide.chapterIndex] ?? '');
      else {
        const speaker = speakers.get(slide.speakerId)!;
        file = await speakerCard(context, speaker, isGroupSpeaker(speaker));
      }
      cards.set(key, file);
    }
    return file;
  };
  const segments: VideoSegment[] = [];
  for (const slide of timeline.slides) {
    segments.push({ image: await cardFor(slide), frames: slide.endFrame - slide.startFrame });
  }

  const mediaDir = path.join(loaded.dir, 'media');
  await mkdir(mediaDir, { recursive: true });
  const outputs = {
    webm: path.join(mediaDir, 'episode.webm'),
    mp4: path.join(mediaDir, 'episode.mp4'),
    poster: path.join(mediaDir, 'poster.jpg'),
  };
  process.stdout.write('Encoding WebM and MP4…\n');
  await encodeVideos({
    workDir,
    segments,
    wav,
    frameRate: FRAME_RATE,
    durationSeconds: timeline.durationMs / 1000,
    webm: outputs.webm,
    mp4: outputs.mp4,
  });
  await encodePoster(await cardFor({ kind: 'title' }), outputs.poster);
  return {
    'media/episode.webm': await sizeOf(outputs.webm),
    'media/episode.mp4': await sizeOf(outputs.mp4),
    'media/poster.jpg': await sizeOf(outputs.poster),
  };
}

/**
 * The HLS ladder of the stand-in, from its MP4 (the slides need no better source): 360p and 240p,
 * still-image tuning and the MP4's own quality and sound, one encoder thread so a re-run gives
 * the same files. Lists it first in episode.json's sources. Returns the files that changed.
 */
async function renderHls(dir: string): Promise<string[]> {
  const outDir = path.join(dir, HLS_DIR);
  let shown = -1;
  const ladder = await encodeHlsLadder({
    input: path.join(dir, 'media/episode.mp4'),
    outDir,
    stillImage: true,
    crf: 33,
    audioBitrate: '32k',
    audioChannels: 1,
    reproducible: true,
    onProgress: ({ fraction }) => {
      const percent = Math.floor(fraction * 100);
      if (percent !== shown) progress(`Encoding the HLS ladder: ${(shown = percent)}%`);
    },
  });
  progress('', true);
  for (const r of ladder.renditions) {
    console.log(
      `  ${HLS_DIR}/${r.playlist}: ${r.width}x${r.height}, ${r.segments} segments (longest ${r.longestSegment.toFixed(2)} s), ${Math.round(r.averageBandwidth / 1000)} kbit/s mean, ${Math.round(r.bandwidth / 1000)} kbit/s peak, ${r.bytes} bytes`,
    );
  }
  const file = path.join(dir, 'episode.json');
  const before = await readFile(file, 'utf8');
  const changed = [`${HLS_DIR}/`];
  if (await writeIfChanged(file, before, withFirstSource(before, hlsSource(dir, ladder))))
    changed.push('episode.json');
  return changed;
}

/** Cues, duration, sizes, and every cue that still breaks a rule, per track. */
async function printSummary(
  dir: string,
  timeline: Timeline,
  sizes: Record<string, number>,
  changed: readonly string[],
  timingsOnly: boolean,
): Promise<void> {
  const reloaded = await loadEpisode(dir);
  const duration = timeline.durationMs / 1000;
  console.log(`\nEpisode ${reloaded.episode.id}`);
  console.log(`  cues: ${timeline.cues.length}, chapters: ${timeline.chapterStartsMs.length}`);
  console.log(
    `  duration: ${duration.toFixed(3)} s (${Math.floor(duration / 60)}:${String(Math.round(duration % 60)).padStart(2, '0')}), ${timeline.totalFrames} frames at ${FRAME_RATE} fps`,
  );
  if (!timingsOnly) {
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    for (const [file, bytes] of Object.entries(sizes)) console.log(`  ${file}: ${bytes} bytes`);
    console.log(
      `  media total: ${total} bytes (${(total / 1024 / 1024).toFixed(2)} MB, budget 10 MB)${total > MEDIA_BUDGET_BYTES ? '  OVER BUDGET' : ''}`,
    );
    for (const file of ['media/episode.webm', 'media/episode.mp4']) {
      const full = path.join(dir, file);
      console.log(
        `  ${file}: ${(await probeDuration(full)).toFixed(3)} s  [${(await probeStreams(full)).join(' | ')}]`,
      );
    }
  }
  console.log(
    `  files rewritten: ${changed.length ? changed.join(', ') : 'none (timings unchanged)'}`,
  );

  for (const problem of timeline.problems) console.log(`  PROBLEM ${problem}`);
  // The same checks as `npm run check`, so new timings that break a rule show at once.
  const checked = await loadAndCheckEpisode(fsEpisodeSource(dir), {
    folderName: path.basename(dir),
    fileLabel: (relative) => relative,
  });
  const errors = checked.findings.filter((finding) => finding.severity === 'error').length;
  console.log(
    `  checks: ${errors} errors, ${checked.findings.length - errors} warnings (npm run check)`,
  );
  for (const finding of checked.findings) {
    console.log(
      `    ${finding.file}:${finding.line}:${finding.col}  ${finding.rule}  ${finding.message}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
