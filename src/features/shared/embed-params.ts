/**
 * The embed's query parameters (Contract 2): read on the player page, written by embed.js. One
 * module for both, so the names and defaults cannot drift apart.
 */
import { parseTimeParam } from '../../core/time-format.ts';
import {
  DEFAULT_TRANSCRIPT_HEIGHT,
  MAX_TRANSCRIPT_HEIGHT,
  MIN_TRANSCRIPT_HEIGHT,
} from './embed-layout.ts';

export interface EmbedParams {
  /** The requested transcript language, or null for the episode's source language. */
  readonly lang: string | null;
  /** Seconds to start at, or null. */
  readonly t: number | null;
  readonly transcript: boolean;
  /** Pixels, within MIN/MAX_TRANSCRIPT_HEIGHT. */
  readonly transcriptHeight: number;
  readonly captions: boolean;
  /** Muted autoplay: the only autoplay the embed does. */
  readonly autoplay: boolean;
  /** The host page's origin (`https://partner.example`), or null: then the embed posts nothing. */
  readonly origin: string | null;
}

/** What a partner can set, as embed.js takes it from `data-redbox-*` or `create()` options. */
export interface EmbedSettings {
  readonly lang?: string;
  readonly t?: number | string;
  readonly transcript?: boolean | string;
  readonly transcriptHeight?: number | string;
  readonly captions?: boolean | string;
  readonly autoplay?: boolean | string;
}

function flag(value: string | null, fallback: boolean): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return fallback;
}

/** A serialized origin (`scheme://host[:port]`, http or https), or null for anything else. */
export function normalizeOrigin(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    // Only a bare origin is accepted: a path or query means the value is not what we asked for.
    return url.origin === value.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

function transcriptHeightOf(value: string | null): number {
  const pixels = value === null || value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(pixels)) return DEFAULT_TRANSCRIPT_HEIGHT;
  return Math.round(Math.min(MAX_TRANSCRIPT_HEIGHT, Math.max(MIN_TRANSCRIPT_HEIGHT, pixels)));
}

/** Read the embed's query; anything malformed falls back to its default. */
export function readEmbedParams(params: URLSearchParams): EmbedParams {
  const lang = params.get('lang')?.trim();
  const t = parseTimeParam(params.get('t'));
  return {
    lang: lang ? lang : null,
    t: t !== null && t >= 0 ? t : null,
    transcript: flag(params.get('transcript'), true),
    transcriptHeight: transcriptHeightOf(params.get('transcriptHeight')),
    captions: flag(params.get('captions'), true),
    autoplay: flag(params.get('autoplay'), false),
    origin: normalizeOrigin(params.get('origin')),
  };
}

/** The settings, named as their query parameters. */
const SETTING_NAMES = [
  'lang',
  't',
  'transcript',
  'transcriptHeight',
  'captions',
  'autoplay',
] as const;

function asParam(value: boolean | number | string): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** The embed query for a partner's settings and the host page's origin. */
export function embedQuery(settings: EmbedSettings, hostOrigin: string | null): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of SETTING_NAMES) {
    const value = settings[name];
    if (value !== undefined && value !== null && value !== '') query.set(name, asParam(value));
  }
  const origin = normalizeOrigin(hostOrigin);
  if (origin) query.set('origin', origin);
  return query;
}
