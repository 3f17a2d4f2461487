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

async function request(url: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    // no-cache: revalidate with the server, so a file a translator just saved shows up.
    response = await fetch(url, { signal, cache: 'no-cache' });
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
export async function fetchText(url: string, signal?: AbortSignal): Promise<string> {
  return (await request(url, signal)).text();
}

/** GET JSON; throws HttpError on an error status and a clear error on malformed JSON. */
export async function fetchJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const body = await fetchText(url, signal);
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new Error(`${url} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
