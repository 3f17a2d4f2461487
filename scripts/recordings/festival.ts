/**
 * English speech from Debian's festival (voice kal_diphone, package festvox-kallpc16k), with every
 * word's start and end as festival itself placed it: festival builds an utterance, predicts each
 * segment's duration, and the diphone synthesizer renders the wave to exactly those durations, so
 * the `word_start`/`word_end` features of its Word items are where the words are in the wave.
 *
 * One festival process speaks every paragraph of a recording (it starts in about a second).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readWav, type Audio } from './audio.ts';
import type { TextToken } from './published-text.ts';

/** How festival speaks for one speaker (the timing stays festival's own). */
export interface FestivalVoice {
  /** Mean pitch in Hz (the kal voice's own is 105). */
  readonly f0Mean: number;
  /** Pitch spread in Hz (kal: 14). */
  readonly f0Std: number;
  /** Duration multiplier: 1.1 speaks 10 % slower. */
  readonly durationStretch: number;
}

/** One paragraph to speak: its spoken tokens, in order. */
export interface FestivalRequest {
  readonly tokens: readonly TextToken[];
  readonly voice: FestivalVoice;
}

/** A spoken paragraph: the wave and, per token, its start and end in seconds within the wave. */
export interface FestivalSpeech {
  readonly audio: Audio;
  readonly times: readonly { readonly startTime: number; readonly endTime: number }[];
}

/**
 * What festival is given for a token: one festival token per piece of it (a dash or an ellipsis
 * written without spaces, `it…It`, separates pieces), each reduced to ASCII letters, digits and
 * the punctuation that shapes prosody (typographic apostrophes folded, quotes dropped). Throws
 * when nothing speakable is left (festival's English voice reads Latin script only).
 */
export function festivalPieces(token: TextToken): string[] {
  const pieces = token.text
    .split(/[…—–]+/)
    .map((piece) =>
      piece
        .replace(/[‘’ʼ]/g, "'")
        .replace(/[“”"«»]/g, '')
        .replace(/[^A-Za-z0-9'.,;:?!-]/g, ''),
    )
    .filter((piece) => /[A-Za-z0-9]/.test(piece));
  if (pieces.length === 0) {
    throw new Error(
      `${token.line}:${token.col}  festival's English voice cannot say "${token.text}": ` +
        'write English recordings in Latin script (use --lang ko for Korean).',
    );
  }
  return pieces;
}

/** A Scheme string literal. */
function schemeString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The Scheme program: for each paragraph set the voice's pitch and pace, synthesize, save the wave
 * and print one `TOKEN <start> <end> <start> <end> …` line per top-level token: the start and end
 * of each of its words (none when festival said nothing for it). A word festival merged into its
 * neighbour's sound (the `'s` of `Today's`) has no segments: start and end are both 0.
 */
function festivalProgram(requests: readonly FestivalRequest[], dir: string): string {
  const define = `
(define (rb-token-words tok)
  (let ((words nil))
    (mapcar (lambda (d) (if (item.relation d 'Word) (set! words (cons (item.relation d 'Word) words))))
            (item.daughters tok))
    (reverse words)))
(define (rb-voice stretch f0mean f0std)
  (Parameter.set 'Duration_Stretch stretch)
  (set! int_lr_params
        (list (list 'target_f0_mean f0mean) (list 'target_f0_std f0std)
              '(model_f0_mean 170) '(model_f0_std 34))))
(define (rb-say u wav)
  (begin
    (utt.synth u)
    (utt.save.wave u wav 'riff)
    (format t "PARAGRAPH\\n")
    (let ((tok (utt.relation.first u 'Token)))
      (while tok
        (format t "TOKEN")
        (mapcar (lambda (w) (format t " %f %f" (item.feat w "word_start") (item.feat w "word_end")))
                (rb-token-words tok))
        (format t "\\n")
        (set! tok (item.next tok))))))
`;
  const calls = requests.map((request, index) => {
    const text = request.tokens.flatMap(festivalPieces).join(' ');
    const { durationStretch, f0Mean, f0Std } = request.voice;
    // \`Utterance\` is a special form that does not evaluate its text: it gets a literal.
    return (
      `(rb-voice ${durationStretch} ${f0Mean} ${f0Std})\n` +
      `(rb-say (Utterance Text ${schemeString(text)}) ${schemeString(path.join(dir, `p${index}.wav`))})`
    );
  });
  return `${define}\n${calls.join('\n')}\n`;
}

function runFestival(program: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('festival', ['--pipe'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(
        new Error(
          `festival could not start (${error.message}). Install it with: apt-get install -y --no-install-recommends festival festvox-kallpc16k`,
        ),
      ),
    );
    child.on('close', (code) => {
      // festival reports Scheme errors on stdout ("SIOD ERROR") and may still exit 0.
      if (code !== 0 || /SIOD ERROR/.test(stdout + stderr)) {
        reject(new Error(`festival failed (exit ${code}): ${(stderr + stdout).slice(-1500)}`));
      } else resolve(stdout);
    });
    child.stdin.end(program);
  });
}

/** Speak each paragraph with festival; token times are festival's own, in seconds. */
export async function speakWithFestival(
  requests: readonly FestivalRequest[],
): Promise<FestivalSpeech[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'red-box-festival-'));
  try {
    const output = await runFestival(festivalProgram(requests, dir));
    const paragraphs = output
      .split('PARAGRAPH\n')
      .slice(1)
      .map((block) => block.split('\n').filter((line) => line.startsWith('TOKEN ')));
    if (paragraphs.length !== requests.length) {
      throw new Error(
        `festival spoke ${paragraphs.length} of ${requests.length} paragraphs:\n${output.slice(-1500)}`,
      );
    }
    return await Promise.all(
      requests.map(async (request, index) => {
        const lines = paragraphs[index]!;
        const pieces = request.tokens.map((token) => festivalPieces(token).length);
        const expected = pieces.reduce((sum, count) => sum + count, 0);
        const where = request.tokens[0]!;
        if (lines.length !== expected) {
          throw new Error(
            `${where.line}:${where.col}  festival read ${lines.length} tokens where the text has ${expected}: ` +
              'keep each word free of characters that split it (slashes, symbols).',
          );
        }
        // Per piece, the [start, end] of each word that has sound.
        const pieceWords = lines.map((line) => {
          const numbers = line.split(' ').slice(1).map(Number);
          const words: [number, number][] = [];
          for (let i = 0; i + 1 < numbers.length; i += 2) {
            if (numbers[i + 1]! > numbers[i]!) words.push([numbers[i]!, numbers[i + 1]!]);
          }
          return words;
        });
        let next = 0;
        const times = request.tokens.map((token, i) => {
          const words = pieceWords.slice(next, (next += pieces[i]!)).flat();
          if (words.length === 0) {
            throw new Error(
              `${token.line}:${token.col}  festival said nothing for "${token.text}": reword it.`,
            );
          }
          return { startTime: words[0]![0], endTime: words.at(-1)![1] };
        });
        return { audio: await readWav(path.join(dir, `p${index}.wav`)), times };
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
