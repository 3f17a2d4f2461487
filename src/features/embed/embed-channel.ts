/**
 * The player's end of the protocol, in the iframe: it posts only to the host page's origin (from
 * `origin=`, never `*`) and hears commands only from `window.parent`, from that origin, in a
 * well-formed envelope naming this player. Everything else is ignored without a word.
 */
import {
  envelope,
  PLAYER_ID_PATTERN,
  readCommand,
  readEnvelope,
  type Command,
  type PlayerEventName,
  type ReplyPayload,
} from './embed-protocol.ts';

/** Carries out a command; the promise's value is the reply's value, a rejection its reason. */
export type CommandHandler = (command: Command) => Promise<unknown>;

export interface EmbedChannel {
  /** Post an event to the host page. */
  emit(name: string, payload: Readonly<Record<string, unknown>>): void;
  /** Set who carries out commands (one handler; the latest wins). Returns an unset function. */
  handleCommands(handler: CommandHandler): () => void;
  /** Whether the host page listens to an opt-in event (see OPT_IN_EVENTS). */
  isListening(name: PlayerEventName): boolean;
  /** Told whenever the set of events the host page listens to changes. */
  subscribeListening(listener: () => void): () => void;
  dispose(): void;
}

/** The player's name on the host page: embed.js puts it in the iframe URL's hash. */
export function playerIdFromHash(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('player');
  return value && PLAYER_ID_PATTERN.test(value) ? value : null;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Open the channel, or return null when the page is not framed by a page that asked for one
 * (no valid `origin`, no player name, or no parent): then the player simply plays.
 */
export function openEmbedChannel(
  hostOrigin: string | null,
  playerId: string | null,
  self: Window = window,
): EmbedChannel | null {
  const parent = self.parent;
  if (!hostOrigin || !playerId || !parent || parent === self) return null;
  let handler: CommandHandler | null = null;
  let listened: ReadonlySet<PlayerEventName> = new Set();
  const listeningListeners = new Set<() => void>();

  const post = (message: ReturnType<typeof envelope>): void => {
    try {
      parent.postMessage(message, hostOrigin);
    } catch (error) {
      // A payload that cannot be cloned is a bug here, not the host's problem: say so and go on.
      console.warn('[red-box] could not post to the host page:', error);
    }
  };

  const onMessage = (event: MessageEvent): void => {
    if (event.source !== parent || event.origin !== hostOrigin) return;
    const message = readEnvelope(event.data);
    if (!message || message.kind !== 'command' || message.player !== playerId) return;
    if (message.id === undefined) return;
    const { id, name } = message;
    const reply = (payload: ReplyPayload): void =>
      post(envelope(playerId, 'reply', name, payload, id));
    const command = readCommand(message);
    if ('problem' in command) return reply({ ok: false, message: command.problem });
    if (command.name === 'listen') {
      // The channel's own business, answered even before the player is ready.
      listened = new Set(command.events);
      listeningListeners.forEach((listener) => listener());
      return reply({ ok: true });
    }
    if (!handler) return reply({ ok: false, message: 'the player is not ready yet' });
    const carryOut = handler;
    // A handler that throws at once still answers with a reply, never an uncaught error.
    Promise.resolve()
      .then(() => carryOut(command))
      .then(
        (value) => reply({ ok: true, value }),
        (error: unknown) => reply({ ok: false, message: reasonOf(error) }),
      );
  };
  self.addEventListener('message', onMessage);

  return {
    emit: (name, payload) => post(envelope(playerId, 'event', name, payload)),
    handleCommands(next) {
      handler = next;
      return () => {
        if (handler === next) handler = null;
      };
    },
    isListening: (name) => listened.has(name),
    subscribeListening(listener) {
      listeningListeners.add(listener);
      return () => listeningListeners.delete(listener);
    },
    dispose() {
      handler = null;
      listeningListeners.clear();
      self.removeEventListener('message', onMessage);
    },
  };
}
