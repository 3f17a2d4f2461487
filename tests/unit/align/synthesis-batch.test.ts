import { describe, expect, it } from 'vitest';
import {
  splitAtBreaks,
  synthesizeAll,
  synthesizeBatch,
  voiceFor,
} from '../../../scripts/align/synthesis.ts';
import { planAlignment } from '../../../src/core/align/align-transcript.ts';

describe(splitAtBreaks.name, () => {
  const sound = (length: number) => new Float32Array(length).fill(0.1);
  const silence = (length: number) => new Float32Array(length);
  const join = (...parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };

  it('cuts at long runs of digital silence and keeps the shorter ones inside the pieces', () => {
    const samples = join(
      sound(5),
      silence(3),
      sound(4),
      silence(10),
      sound(2),
      silence(12),
      sound(6),
    );
    const pieces = splitAtBreaks(samples, 10, 3);
    expect(pieces?.map((piece) => piece.length)).toEqual([12, 2, 6]);
  });

  it('ignores silence at the very start and end, and says null when the count is not the one expected', () => {
    const samples = join(silence(20), sound(5), silence(15), sound(5), silence(30));
    expect(splitAtBreaks(samples, 10, 2)?.map((piece) => piece.length)).toEqual([5, 5]);
    expect(splitAtBreaks(samples, 10, 3)).toBeNull();
    expect(splitAtBreaks(samples, 40, 2)).toBeNull();
  });
});

describe(synthesizeAll.name, () => {
  it('speaks fragments in batches and finds every fragment’s words, in English and Korean', async () => {
    const transcripts = {
      en: 'Mina: Welcome back. Today’s question is about winter & snow.\n\nTae: Honestly? The heating [in Seoul].\n\nMina: Thank you.',
      ko: 'Mina: 다시 오신 것을 환영합니다.\n\nTae: 솔직히 말하면 난방이요.\n\nMina: 고맙습니다.',
    };
    for (const [lang, text] of Object.entries(transcripts)) {
      const plan = planAlignment(text, 'transcript.txt');
      const words = plan.spoken.map((word) => word.text);
      const voice = await voiceFor(lang);
      // One call for all three fragments finds all three breaks (null would mean a fallback).
      expect(await synthesizeBatch(plan.fragments, words, voice)).toHaveLength(3);
      const located = await synthesizeAll(plan.fragments, words, voice);
      expect(located).toHaveLength(plan.fragments.length);
      located.forEach((piece, k) => {
        expect(piece.words).toHaveLength(plan.fragments[k]!.words.length);
        expect(piece.samples.length).toBeGreaterThan(1600 * piece.words.length);
        // Words in order, inside the fragment's sound.
        piece.words.forEach((word, i) => {
          expect(word.end).toBeGreaterThan(word.start);
          if (i > 0) expect(word.start).toBeGreaterThanOrEqual(piece.words[i - 1]!.end);
          expect(word.end).toBeLessThanOrEqual(piece.samples.length);
        });
      });
    }
  }, 60_000);
});
