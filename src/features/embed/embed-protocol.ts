/**
 * The message protocol between embed.js on a partner's page and the player in the iframe
 * (Contract 4). Every message is one envelope:
 *
 *   { ns: 'redbox', v: 1, player, kind: 'command' | 'reply' | 'event', name, id?, payload }
 *
 * Commands go page → player and carry an `id`; the player answers each with a reply of the same
 * `id` and `name`. Events go player → page. Readers here never throw: anything that is not a
 * well-formed envelope is null, and the caller ignores it.
 */

export const PROTOCOL_NAMESPACE = 'redbox';
export const PROTOCOL_VERSION = 1;

export type MessageKind = 'command' | 'reply' | 'event';

export interface Envelope {
  readonly ns: typeof PROTOCOL_NAMESPACE;
  readonly v: typeof PROTOCOL_VERSION;
  /** Which player on the page (embed.js names each iframe). */
  readonly player: string;
  readonly kind: MessageKind;
  readonly name: string;
  /** Commands and replies: pairs a reply with its command. */
  readonly id?: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** What a player is doing, as `getState()` answers (null where there is none). */
export interface PlayerState {
  readonly currentTime: number;
  readonly duration: number | null;
  readonly paused: boolean;
  readonly playbackRate: number;
  readonly lang: string;
  readonly cueId: string | null;
  readonly speakerId: string | null;
  readonly chapterId: string | null;
}

/** The events partners can listen to, with their payloads. */
export interface PlayerEvents {
  readonly ready: { currentTime: number; duration: number | null; lang: string; title: string };
  readonly play: { currentTime: number };
  readonly pause: { currentTime: number };
  readonly ended: { currentTime: number };
  readonly timeupdate: { currentTime: number };
  readonly cuechange: { cueId: string | null; speakerId: string | null; text: string | null };
  readonly speakerchange: { speakerId: string | null; name: string | null };
  readonly chapterchange: { chapterId: string | null; question: string | null };
  readonly languagechange: { lang: string };
  readonly error: { message: string };
  /**
   * The word being spoken (Contract 9): its cue, its position among the cue's timed words
   * (0-based) and its text; all null when a word ends with none after it (a pause, a line's end).
   */
  readonly wordchange: { cueId: string | null; index: number | null; text: string | null };
}

export type PlayerEventName = keyof PlayerEvents;

export const PLAYER_EVENT_NAMES: readonly PlayerEventName[] = [
  'ready',
  'play',
  'pause',
  'ended',
  'timeupdate',
  'cuechange',
  'speakerchange',
  'chapterchange',
  'languagechange',
  'error',
  'wordchange',
];

/**
 * Events the player sends only while the page listens to them (one message per word is more than
 * most pages want): embed.js tells the player with the `listen` command which of these have
 * handlers.
 */
export const OPT_IN_EVENTS: readonly PlayerEventName[] = ['wordchange'];

/** An event for embed.js itself, not for partners: the page's height changed. */
export const RESIZE_EVENT = 'resize';

/** The commands, with their arguments. */
export type Command =
  | { readonly name: 'play' }
  | { readonly name: 'pause' }
  | { readonly name: 'seek'; readonly seconds: number }
  | { readonly name: 'seekToCue'; readonly cueId: string }
  | { readonly name: 'setLanguage'; readonly lang: string }
  | { readonly name: 'getState' }
  | { readonly name: 'listen'; readonly events: readonly PlayerEventName[] };

export type CommandName = Command['name'];

/** A reply's payload: the command's result, or why it was refused. */
export type ReplyPayload =
  | { readonly ok: true; readonly value?: unknown }
  | { readonly ok: false; readonly message: string };

const KINDS: readonly MessageKind[] = ['command', 'reply', 'event'];
const MAX_NAME_LENGTH = 40;
/** Player names: what embed.js makes, and nothing a page could abuse as markup or a path. */
export const PLAYER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The envelope in a message's data, or null when it is anything else. */
export function readEnvelope(data: unknown): Envelope | null {
  if (!isPlainRecord(data)) return null;
  const { ns, v, player, kind, name, id, payload } = data;
  if (ns !== PROTOCOL_NAMESPACE || v !== PROTOCOL_VERSION) return null;
  if (typeof player !== 'string' || !PLAYER_ID_PATTERN.test(player)) return null;
  if (typeof kind !== 'string' || !KINDS.includes(kind as MessageKind)) return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) return null;
  if (id !== undefined && !(Number.isSafeInteger(id) && (id as number) >= 0)) return null;
  if (!isPlainRecord(payload)) return null;
  return {
    ns,
    v,
    player,
    kind: kind as MessageKind,
    name,
    payload,
    ...(id === undefined ? {} : { id: id as number }),
  };
}

/** Build an envelope. */
export function envelope(
  player: string,
  kind: MessageKind,
  name: string,
  payload: Readonly<Record<string, unknown>>,
  id?: number,
): Envelope {
  const base = {
    ns: PROTOCOL_NAMESPACE,
    v: PROTOCOL_VERSION,
    player,
    kind,
    name,
    payload,
  } as const;
  return id === undefined ? base : { ...base, id };
}

const MAX_TEXT_ARGUMENT = 200;

function textArgument(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT_ARGUMENT
    ? value
    : null;
}

/** The command in a command envelope, or the reason it cannot be carried out. */
export function readCommand(message: Envelope): Command | { readonly problem: string } {
  const { payload } = message;
  switch (message.name) {
    case 'play':
    case 'pause':
    case 'getState':
      return { name: message.name };
    case 'seek': {
      const seconds = payload.seconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        return { problem: 'seek needs a number of seconds, 0 or more' };
      }
      return { name: 'seek', seconds };
    }
    case 'seekToCue': {
      const cueId = textArgument(payload.cueId);
      return cueId ? { name: 'seekToCue', cueId } : { problem: 'seekToCue needs a cue id' };
    }
    case 'setLanguage': {
      const lang = textArgument(payload.lang);
      return lang ? { name: 'setLanguage', lang } : { problem: 'setLanguage needs a language tag' };
    }
    case 'listen': {
      const events = payload.events;
      if (!Array.isArray(events) || events.length > PLAYER_EVENT_NAMES.length) {
        return { problem: 'listen needs a list of event names' };
      }
      return {
        name: 'listen',
        events: OPT_IN_EVENTS.filter((name) => events.includes(name)),
      };
    }
    default:
      return { problem: `unknown command "${message.name}"` };
  }
}
