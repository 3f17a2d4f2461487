/**
 * Fetching with errors that say what happened. A query function must throw on `!response.ok`
 * (TanStack Query's rule), and the page needs to tell "not found" from "the server failed".
 */

/** The server answered with an error status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(
      status === 404
        ? `Not found: ${url}`
        : `The server answered ${status} for ${url}. Try again in a moment.`,
    );
    this.name = 'HttpError';
  }
}

/** True when the error is a 404 (retrying will not help). */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpError && error.status === 404;
}

/**
 * How a request may use the HTTP cache: 'no-cache' revalidates (the default: a file a translator
 * just saved shows up); 'default' lets content-hashed files come straight from the cache.
 */
export type CacheMode = 'no-cache' | 'default';

async function request(
  url: string,
  signal?: AbortSignal,
  cache: CacheMode = 'no-cache',
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal, cache });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new Error(`Could not reach the server for ${url}. Check the connection and retry.`, {
      cause: error,
    });
  }
  if (!response.ok) throw new HttpError(response.status, url);
  return response;
}

/** GET text; throws HttpError on an error status. */
export async function fetchText(
  url: string,
  signal?: AbortSignal,
  cache?: CacheMode,
): Promise<string> {
  return (await request(url, signal, cache)).text();
}

/** GET bytes; throws HttpError on an error status. */
export async function fetchBytes(
  url: string,
  signal?: AbortSignal,
  cache?: CacheMode,
): Promise<Uint8Array> {
  return new Uint8Array(await (await request(url, signal, cache)).arrayBuffer());
}

/** GET JSON; throws HttpError on an error status and a clear error on malformed JSON. */
export async function fetchJson(
  url: string,
  signal?: AbortSignal,
  cache?: CacheMode,
): Promise<unknown> {
  const body = await fetchText(url, signal, cache);
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new Error(`${url} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
