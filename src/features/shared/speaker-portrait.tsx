/**
 * A speaker's picture: the episode's illustration, a silhouette for anonymous speakers (whose
 * portrait file is never requested), or initials when there is none.
 */
import type { Speaker } from '../../core/episode-model.ts';
import { episodeFileUrl } from '../../data/episode-urls.ts';
import { speakerInitials } from '../../core/speaker-initials.ts';

export function SpeakerPortrait({
  episodeId,
  speaker,
  size = 40,
}: {
  episodeId: string;
  speaker: Speaker | undefined;
  size?: number;
}) {
  const style = {
    width: size,
    height: size,
    '--speaker-color': speaker?.color ?? '#6b6b6b',
  } as React.CSSProperties;
  if (!speaker || speaker.anonymous) {
    return (
      <span className="portrait portrait--silhouette" style={style} aria-hidden="true">
        <svg viewBox="0 0 40 40" focusable="false">
          <circle cx="20" cy="20" r="20" className="portrait__bg" />
          <circle cx="20" cy="15" r="7" className="portrait__shape" />
          <path d="M6 36c2-8 8-12 14-12s12 4 14 12" className="portrait__shape" />
        </svg>
      </span>
    );
  }
  if (speaker.portrait) {
    return (
      <img
        className="portrait"
        style={style}
        src={episodeFileUrl(episodeId, speaker.portrait)}
        alt=""
        width={size}
        height={size}
        loading="lazy"
        decoding="async"
      />
    );
  }
  return (
    <span className="portrait portrait--initials" style={style} aria-hidden="true">
      {speakerInitials(speaker.name)}
    </span>
  );
}
