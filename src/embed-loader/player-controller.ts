/**
 * One player on the partner's page: its iframe, its listener, its handlers, and the controller
 * partners use (Contract 4). Messages are accepted only from this player's own iframe, from the
 * player's origin, in a well-formed envelope naming this player.
 */
import {
  embedQuery,
  readEmbedParams,
  type EmbedSettings,
} from '../features/shared/embed-params.ts';
import {
  envelope,
  OPT_IN_EVENTS,
  PLAYER_EVENT_NAMES,
  readEnvelope,
  RESIZE_EVENT,
  type CommandName,
  type PlayerEventName,
  type PlayerEvents,
  type PlayerState,
} from '../features/embed/embed-protocol.ts';
import { createPlayerFrame } from './player-frame.ts';
import type { PlayerHost } from './script-url.ts';

export interface PlayerOptions extends EmbedSettings {
  readonly episode: string;
}

type Handler<Name extends PlayerEventName> = (payload: PlayerEvents[Name]) => void;

/** What partners hold: every method but `on`/`off`/`destroy` returns a promise. */
export interface PlayerController {
  play(): Promise<void>;
  pause(): Promise<void>;
  seek(seconds: number): Promise<{ currentTime: number }>;
  seekToCue(cueId: string): Promise<{ currentTime: number }>;
  setLanguage(lang: string): Promise<{ lang: string }>;
  getState(): Promise<PlayerState>;
  on<Name extends PlayerEventName>(name: Name, handler: Handler<Name>): void;
  off<Name extends PlayerEventName>(name: Name, handler: Handler<Name>): void;
  destroy(): void;
}

export interface PlayerHandle {
  readonly controller: PlayerController;
  /** Settles with the controller once the player is ready, or fails with why it cannot be. */
  readonly ready: Promise<PlayerController>;
  readonly host: HTMLElement;
}

/** A command that gets no answer (the iframe was navigated away, the network died) gives up. */
const COMMAND_TIMEOUT_MS = 30_000;
/**
 * A frame that loaded but never says `ready` was refused (the player's frame-ancestors list does
 * not name this site) or cannot reach the player: then `ready` fails with that reason. Counted
 * from the iframe's load, since a lazy iframe far down the page loads only when scrolled to.
 */
const READY_AFTER_LOAD_MS = 15_000;
const EPISODE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

let playersMade = 0;

function fail(message: string): Error {
  return new Error(`[red-box] ${message}`);
}

/** Call a partner's handler; one that throws is reported without stopping the others. */
function callSafely(handler: (payload: never) => void, payload: unknown): void {
  try {
    handler(payload as never);
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  }
}

/** Create a player inside `host` (its content is replaced by the iframe). */
export function createPlayer(
  host: HTMLElement,
  options: PlayerOptions,
  player: PlayerHost,
  onDestroy: (handle: PlayerHandle) => void,
): PlayerHandle {
  if (!EPISODE_ID.test(String(options.episode))) {
    throw fail(`"${String(options.episode)}" is not an episode id (lowercase letters, digits, -)`);
  }
  const playerId = `rb${(++playersMade).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const hostOrigin = window.location.origin;
  const query = embedQuery(options, hostOrigin);
  const params = readEmbedParams(query);
  const src = `${player.base}embed/${options.episode}?${query}#player=${playerId}`;
  const frame = createPlayerFrame(host, src, params, `Red Box Player: ${options.episode}`);

  const handlers = new Map<PlayerEventName, Set<(payload: never) => void>>();
  const pending = new Map<number, { settle: (reply: Record<string, unknown>) => void }>();
  let nextId = 1;
  let readyPayload: PlayerEvents['ready'] | null = null;
  let destroyed = false;
  let settleReady!: { resolve: (c: PlayerController) => void; reject: (e: Error) => void };
  const ready = new Promise<PlayerController>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // A declarative player nobody asks for must not report an unhandled rejection.
  ready.catch(() => {});

  /**
   * Tell the player which opt-in events have handlers (it sends those only while some do), once
   * it is ready and whenever that changes.
   */
  let listenedSent = '';
  function sendListening(): void {
    if (!readyPayload || destroyed) return;
    const events = OPT_IN_EVENTS.filter((name) => (handlers.get(name)?.size ?? 0) > 0);
    if (events.join() === listenedSent) return;
    listenedSent = events.join();
    send('listen', { events }).catch(() => {});
  }

  function emit(name: PlayerEventName, payload: unknown): void {
    handlers.get(name)?.forEach((handler) => callSafely(handler, payload));
  }

  function onMessage(event: MessageEvent): void {
    if (event.source !== frame.iframe.contentWindow || event.origin !== player.origin) return;
    const message = readEnvelope(event.data);
    if (!message || message.player !== playerId || message.kind === 'command') return;
    const { name, payload } = message;
    if (message.kind === 'reply') {
      if (message.id !== undefined) pending.get(message.id)?.settle(payload);
      return;
    }
    if (name === RESIZE_EVENT) return frame.setReportedHeight(Number(payload.height));
    if (!PLAYER_EVENT_NAMES.includes(name as PlayerEventName)) return;
    if (name === 'ready') {
      if (readyPayload) return;
      readyPayload = payload as PlayerEvents['ready'];
      if (typeof payload.title === 'string') frame.setTitle(`Red Box Player: ${payload.title}`);
      settleReady.resolve(controller);
      sendListening();
    } else if (name === 'error' && !readyPayload) {
      settleReady.reject(fail(String(payload.message)));
    }
    emit(name as PlayerEventName, payload);
  }
  window.addEventListener('message', onMessage);
  let silence: ReturnType<typeof setTimeout> | undefined;
  frame.iframe.addEventListener('load', () => {
    if (readyPayload || silence !== undefined) return;
    silence = setTimeout(() => {
      if (readyPayload || destroyed) return;
      settleReady.reject(
        fail(
          `the player at ${player.origin} did not start in this page: it may not allow this site to embed it (frame-ancestors), or it cannot be reached`,
        ),
      );
    }, READY_AFTER_LOAD_MS);
  });

  function send<T>(name: CommandName, payload: Record<string, unknown> = {}): Promise<T> {
    if (destroyed) return Promise.reject(fail('this player was destroyed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(fail(`${name}: no answer from the player`));
      }, COMMAND_TIMEOUT_MS);
      pending.set(id, {
        settle(reply) {
          clearTimeout(timer);
          pending.delete(id);
          if (reply.ok === true) resolve(reply.value as T);
          else reject(fail(`${name}: ${String(reply.message)}`));
        },
      });
      frame.iframe.contentWindow?.postMessage(
        envelope(playerId, 'command', name, payload, id),
        player.origin,
      );
    });
  }

  function checkEventName(name: string): asserts name is PlayerEventName {
    if (!PLAYER_EVENT_NAMES.includes(name as PlayerEventName)) {
      throw fail(`unknown event "${name}"; the events are ${PLAYER_EVENT_NAMES.join(', ')}`);
    }
  }

  const controller: PlayerController = {
    play: () => send('play'),
    pause: () => send('pause'),
    seek(seconds) {
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        return Promise.reject(fail('seek(seconds) needs a number, 0 or more'));
      }
      return send('seek', { seconds });
    },
    seekToCue: (cueId) => send('seekToCue', { cueId }),
    setLanguage: (lang) => send('setLanguage', { lang }),
    getState: () => send('getState'),
    on(name, handler) {
      checkEventName(name);
      if (typeof handler !== 'function') throw fail(`on("${name}") needs a function`);
      if (destroyed) return;
      let set = handlers.get(name);
      if (!set) handlers.set(name, (set = new Set()));
      set.add(handler as (payload: never) => void);
      // `ready` is sticky: a handler added after it fired hears it at once.
      if (name === 'ready' && readyPayload) callSafely(handler as never, readyPayload);
      sendListening();
    },
    off(name, handler) {
      handlers.get(name)?.delete(handler as (payload: never) => void);
      sendListening();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(silence);
      window.removeEventListener('message', onMessage);
      frame.remove();
      handlers.clear();
      for (const entry of pending.values()) {
        entry.settle({ ok: false, message: 'this player was destroyed' });
      }
      settleReady.reject(fail('this player was destroyed'));
      onDestroy(handle);
    },
  };

  const handle: PlayerHandle = { controller, ready, host };
  if (hostOrigin === 'null' || !query.has('origin')) {
    // The player still plays, but cannot talk to a page without an http(s) origin.
    settleReady.reject(fail('the script API needs a page served over http or https'));
  }
  return handle;
}
