/**
 * `/feed.xml` (Contract 10): RSS 2.0 with the Podcasting 2.0 namespace, so podcast apps that read
 * WebVTT transcripts with speakers show ours. Per episode: the MP4 as the enclosure (with its
 * length in bytes and type), a `podcast:transcript` per language (`text/vtt`), the questions as
 * `podcast:chapters` (a JSON chapters file) and a `podcast:person` for each speaker who is not
 * anonymous — an anonymous speaker is never named here.
 *
 * Written with a small escaper rather than a feed library: `feed` 6 cannot declare the podcast
 * namespace on `<rss>` and writes extension attributes unescaped (a `&` in a URL came out raw,
 * which is not XML); `podcast` 2 sits on `rss` 1.2.2, unchanged since 2017.
 */

/** The Podcasting 2.0 namespace URI. */
export const PODCAST_NAMESPACE = 'https://podcastindex.org/namespace/1.0';

/** Escape text for XML element content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 does not allow at all (control characters, lone surrogates).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  );
}

export interface FeedItem {
  readonly guid: string;
  readonly title: string;
  readonly description: string;
  /** The episode's page (absolute). */
  readonly link: string;
  /** `YYYY-MM-DD`. */
  readonly published: string;
  readonly enclosure?: { readonly url: string; readonly type: string; readonly length: number };
  /** Seconds. */
  readonly duration?: number;
  readonly image?: string;
  readonly transcripts: readonly { readonly url: string; readonly lang: string }[];
  readonly chapters?: string;
  /** Speakers who are not anonymous. */
  readonly people: readonly { readonly name: string; readonly img?: string }[];
}

export interface FeedChannel {
  readonly title: string;
  readonly description: string;
  /** The site (absolute). */
  readonly link: string;
  /** The feed's own URL (absolute). */
  readonly self: string;
  readonly language: string;
  readonly author: string;
  readonly image?: string;
  readonly items: readonly FeedItem[];
}

/** RFC 822 date of a `YYYY-MM-DD` day (midnight UTC), as RSS 2.0 wants. */
export function rfc822Date(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDay : date.toUTCString();
}

function element(
  name: string,
  text: string,
  attributes: Record<string, string | undefined> = {},
): string {
  return `<${name}${attributeList(attributes)}>${escapeXml(text)}</${name}>`;
}

function empty(name: string, attributes: Record<string, string | undefined>): string {
  return `<${name}${attributeList(attributes)}/>`;
}

function attributeList(attributes: Record<string, string | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
}

function itemXml(item: FeedItem): string {
  const lines = [
    element('title', item.title),
    element('link', item.link),
    element('guid', item.guid, { isPermaLink: 'false' }),
    element('pubDate', rfc822Date(item.published)),
    element('description', item.description),
  ];
  if (item.enclosure) {
    lines.push(
      empty('enclosure', {
        url: item.enclosure.url,
        length: String(Math.max(0, Math.round(item.enclosure.length))),
        type: item.enclosure.type,
      }),
    );
  }
  if (item.duration !== undefined) {
    lines.push(element('itunes:duration', String(Math.round(item.duration))));
  }
  if (item.image) lines.push(empty('itunes:image', { href: item.image }));
  for (const transcript of item.transcripts) {
    lines.push(
      empty('podcast:transcript', {
        url: transcript.url,
        type: 'text/vtt',
        language: transcript.lang,
        rel: 'captions',
      }),
    );
  }
  if (item.chapters) {
    lines.push(
      empty('podcast:chapters', { url: item.chapters, type: 'application/json+chapters' }),
    );
  }
  for (const person of item.people) {
    lines.push(element('podcast:person', person.name, { role: 'guest', img: person.img }));
  }
  return `    <item>\n      ${lines.join('\n      ')}\n    </item>`;
}

/** The feed document. `lastBuildDate` is the newest episode's day, so builds are reproducible. */
export function podcastFeedXml(channel: FeedChannel): string {
  const newest = channel.items
    .map((item) => item.published)
    .sort()
    .at(-1);
  const head = [
    element('title', channel.title),
    element('link', channel.link),
    element('description', channel.description),
    element('language', channel.language),
    ...(newest ? [element('lastBuildDate', rfc822Date(newest))] : []),
    empty('atom:link', { href: channel.self, rel: 'self', type: 'application/rss+xml' }),
    element('itunes:author', channel.author),
    element('podcast:medium', 'podcast'),
    ...(channel.image
      ? [
          empty('itunes:image', { href: channel.image }),
          `<image>${element('url', channel.image)}${element('title', channel.title)}${element('link', channel.link)}</image>`,
        ]
      : []),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rss version="2.0" xmlns:podcast="${PODCAST_NAMESPACE}" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom">`,
    '  <channel>',
    `    ${head.join('\n    ')}`,
    ...channel.items.map(itemXml),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
