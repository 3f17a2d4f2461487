/** A request the save API refuses, with the HTTP status that says why and a message for people. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Headers the refusal needs (`Allow` on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** Data for programs, sent as JSON beside the message (the findings of a 422). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApiRefusal';
  }
}

/**
 * The client went away before its request was through (closed the tab, lost the network): not a
 * failure of the server, and nothing was written. There is no one left to answer.
 */
export class ClientGone extends Error {
  constructor(readonly when: 'upload' | 'turn') {
    super(
      when === 'upload'
        ? 'the client closed the connection before its upload was complete; nothing was written'
        : 'the client closed the connection before its save had its turn; nothing was written',
    );
    this.name = 'ClientGone';
  }
}
