/**
 * The player's side of the script API: commands from the host page run against the player as it
 * is when they arrive, and a language switch settles once the new transcript is on screen.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { sameLanguage } from '../../core/language.ts';
import type { EmbedChannel } from './embed-channel.ts';
import { runCommand, type CommandContext } from './embed-commands.ts';
import type { Command } from './embed-protocol.ts';

/** Hand commands from the channel to the player; `context()` is read when each arrives. */
export function useEmbedCommands(
  channel: EmbedChannel | null,
  context: () => CommandContext,
): void {
  const onCommand = useEffectEvent((command: Command) => runCommand(context(), command));
  useEffect(() => channel?.handleCommands((command) => onCommand(command)), [channel]);
}

interface LanguageWaiter {
  readonly lang: string;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Switch languages with a promise: `choose(lang)` asks for the language and settles when
 * `shownLang` (the language whose transcript is on screen) becomes it, or fails when that
 * transcript cannot be loaded.
 */
export function useLanguageSwitch(
  request: (lang: string) => void,
  shownLang: string | undefined,
  loadError: unknown,
): (lang: string) => Promise<void> {
  const [waiters] = useState(() => new Set<LanguageWaiter>());

  useEffect(() => {
    for (const waiter of waiters) {
      if (shownLang && sameLanguage(waiter.lang, shownLang)) waiter.resolve();
      else if (loadError) {
        const reason = loadError instanceof Error ? loadError.message : String(loadError);
        waiter.reject(new Error(`the ${waiter.lang} transcript could not be loaded: ${reason}`));
      } else continue;
      waiters.delete(waiter);
    }
  }, [waiters, shownLang, loadError]);

  return useCallback(
    (lang: string) => {
      if (shownLang && sameLanguage(lang, shownLang)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.add({ lang, resolve, reject });
        request(lang);
      });
    },
    [waiters, shownLang, request],
  );
}
