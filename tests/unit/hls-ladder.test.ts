/**
 * The HLS ladder encoder (scripts/media/hls.ts): which heights, the master playlist, and a real
 * encode of a few seconds of generated 720p video with ffmpeg (installed by .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeHlsLadder,
  hlsSource,
  HlsEncodeError,
  ladderHeights,
  masterPlaylist,
  parseMediaPlaylist,
  type HlsLadder,
  type HlsProgress,
} from '../../scripts/media/hls.ts';

describe(ladderHeights.name, () => {
  it('takes 1080, 720 and 360 where they fit, never above the source', () => {
    expect(ladderHeights(2160)).toEqual([1080, 720, 360]);
    expect(ladderHeights(1080)).toEqual([1080, 720, 360]);
    expect(ladderHeights(800)).toEqual([720, 360]);
    expect(ladderHeights(720)).toEqual([720, 360]);
  });

  it('adds a lower rung when only one standard height fits, so there are always two', () => {
    expect(ladderHeights(360)).toEqual([360, 240]);
    expect(ladderHeights(540)).toEqual([480, 360]);
    expect(ladderHeights(300)).toEqual([240, 144]);
  });

  it('refuses a source too small for a ladder', () => {
    expect(() => ladderHeights(100)).toThrow(HlsEncodeError);
  });
});

describe(parseMediaPlaylist.name, () => {
  it('reads the init segment, the target duration and every segment with its duration', () => {
    const parsed = parseMediaPlaylist(
      '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MAP:URI="init_0.mp4"\n#EXTINF:6.000000,\nsegment-000.m4s\n#EXTINF:2.5,\nsegment-001.m4s\n#EXT-X-ENDLIST\n',
    );
    expect(parsed).toEqual({
      map: 'init_0.mp4',
      targetDuration: 6,
      segments: [
        { uri: 'segment-000.m4s', duration: 6 },
        { uri: 'segment-001.m4s', duration: 2.5 },
      ],
    });
  });
});

describe(masterPlaylist.name, () => {
  it('lists each rendition with BANDWIDTH, AVERAGE-BANDWIDTH, RESOLUTION and CODECS, relative URIs', () => {
    const text = masterPlaylist([
      {
        height: 720,
        width: 1280,
        playlist: '720p/index.m3u8',
        bandwidth: 2_000_000,
        averageBandwidth: 1_500_000,
        codecs: 'avc1.4d401f,mp4a.40.2',
        segments: 3,
        longestSegment: 6,
        bytes: 1,
      },
    ]);
    expect(text).toBe(
      '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1500000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"\n' +
        '720p/index.m3u8\n',
    );
  });
});

describe(encodeHlsLadder.name, () => {
  let dir: string;
  let source: string;
  let ladder: HlsLadder;
  const progress: HlsProgress[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'redbox-hls-test-'));
    source = path.join(dir, 'source.mp4');
    // 8 s of moving 720p test pattern with a tone: two segments, the second short. At 5 fps: the
    // ladder's cuts and keyframes are by time, and 25 fps made five times the frames to encode
    // (most of this file's CPU) for nothing more checked.
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=5:duration=8'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=8'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', source],
    ]);
    ladder = await encodeHlsLadder({
      input: source,
      outDir: path.join(dir, 'episode/media/hls'),
      onProgress: (p) => progress.push(p),
    });
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('encodes 720p and 360p, H.264 and AAC, with the master playlist pointing at both', () => {
    expect(ladder.renditions.map((r) => [r.width, r.height])).toEqual([
      [1280, 720],
      [640, 360],
    ]);
    const master = readFileSync(ladder.master, 'utf8');
    for (const r of ladder.renditions) {
      expect(r.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
      expect(master).toContain(
        `BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=${r.averageBandwidth},RESOLUTION=${r.width}x${r.height},CODECS="${r.codecs}"\n${r.playlist}\n`,
      );
    }
    // The bigger picture needs more bits, and the peak is never below the mean.
    expect(ladder.renditions[0]!.averageBandwidth).toBeGreaterThan(
      ladder.renditions[1]!.averageBandwidth,
    );
    for (const r of ladder.renditions)
      expect(r.bandwidth).toBeGreaterThanOrEqual(r.averageBandwidth);
    expect(hlsSource(path.join(dir, 'episode'), ladder)).toEqual({
      src: 'media/hls/master.m3u8',
      type: 'application/x-mpegURL',
    });
  });

  it('cuts segments of at most 6 s, at the same times in every rendition, each starting on a keyframe', () => {
    const timelines = ladder.renditions.map((r) => {
      const text = readFileSync(path.join(path.dirname(ladder.master), r.playlist), 'utf8');
      const parsed = parseMediaPlaylist(text);
      expect(parsed.targetDuration).toBeLessThanOrEqual(6);
      return parsed.segments.map((s) => s.duration);
    });
    expect(timelines[0]).toEqual(timelines[1]);
    expect(timelines[0]!.every((d) => d <= 6)).toBe(true);
    expect(timelines[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(8, 1);

    // Every segment's first video frame is a keyframe (ffprobe on init + segment).
    const renditionDir = path.join(path.dirname(ladder.master), '360p');
    const playlist = parseMediaPlaylist(
      readFileSync(path.join(renditionDir, 'index.m3u8'), 'utf8'),
    );
    for (const segment of playlist.segments) {
      const joined = path.join(dir, `joined-${segment.uri}.mp4`);
      writeFileSync(
        joined,
        Buffer.concat([
          readFileSync(path.join(renditionDir, playlist.map!)),
          readFileSync(path.join(renditionDir, segment.uri)),
        ]),
      );
      const firstFrame = execFileSync('ffprobe', [
        ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=key_frame'],
        ...['-read_intervals', '%+#1', '-of', 'default=nw=1:nk=1', joined],
      ])
        .toString()
        .trim()
        .split('\n')[0];
      expect(firstFrame, segment.uri).toBe('1');
    }
  }, 60_000);

  it('reports progress up to the whole duration', () => {
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.fraction).toBeCloseTo(1, 1);
    expect(progress.at(-1)!.durationSeconds).toBeCloseTo(8, 0);
  });

  it('leaves only the ladder in its folder (no temporary files, no ffmpeg master)', () => {
    const hlsDir = path.dirname(ladder.master);
    expect(readdirSync(hlsDir).sort()).toEqual(['360p', '720p', 'master.m3u8']);
    expect(readdirSync(path.dirname(hlsDir))).toEqual(['hls']);
  });

  it('fails with a typed error for a missing file, a file that is not media and a file without video', async () => {
    const attempt = (input: string) =>
      encodeHlsLadder({ input, outDir: path.join(dir, 'bad/hls') }).then(
        () => null,
        (error: unknown) => error,
      );
    const missing = await attempt(path.join(dir, 'nope.mp4'));
    expect(missing).toBeInstanceOf(HlsEncodeError);
    expect((missing as HlsEncodeError).kind).toBe('input-missing');

    const notMedia = path.join(dir, 'not-media.mp4');
    writeFileSync(notMedia, 'this is text');
    expect(((await attempt(notMedia)) as HlsEncodeError).kind).toBe('ffmpeg-failed');

    const audioOnly = path.join(dir, 'audio.m4a');
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
      ...['-i', 'sine=duration=1', '-c:a', 'aac', audioOnly],
    ]);
    const noVideo = (await attempt(audioOnly)) as HlsEncodeError;
    expect(noVideo.kind).toBe('no-video');
    expect(noVideo.message).toContain('no video stream');
    // Nothing half-written is left behind.
    expect(readdirSync(dir)).not.toContain('bad');
  }, 60_000);

  it('refuses heights above the source', async () => {
    const error = await encodeHlsLadder({
      input: source,
      outDir: path.join(dir, 'up/hls'),
      heights: [1080, 720],
    }).catch((e: unknown) => e);
    expect((error as HlsEncodeError).kind).toBe('bad-options');
    expect((error as Error).message).toContain('1080');
  }, 30_000);
});
