/** A request the save API refuses, with the HTTP status that says why and a message for people. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Headers the refusal needs (`Allow` on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiRefusal';
  }
}
