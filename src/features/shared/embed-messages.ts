/**
 * Interface text of the embed and of the Share / Embed dialog, in the viewer's two interface
 * languages (the shared catalogue holds the text every page uses).
 */
import {
  englishEmbedMessages,
  koreanEmbedMessages,
  type EmbedMessages,
} from './embed-message-catalog.ts';
import { useI18n, type InterfaceLanguage } from './i18n.tsx';

export type { EmbedMessages };

const CATALOGS: Record<InterfaceLanguage, EmbedMessages> = {
  en: englishEmbedMessages,
  ko: koreanEmbedMessages,
};

/** The embed's and share dialog's text in the interface language. */
export function useEmbedMessages(): EmbedMessages {
  return CATALOGS[useI18n().language];
}
