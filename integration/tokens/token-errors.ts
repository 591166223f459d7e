/** A refresh or token lookup that cannot succeed as asked; `status` is the HTTP status for the API. */
export class TokenLifecycleError extends Error {
  /**
   * `instanceof` fails across two copies of this module (the start script's and the server
   * bundle's share one TokenService), so callers recognise the error by its shape.
   */
  static is(error: unknown): error is TokenLifecycleError {
    return (
      error instanceof Error &&
      error.name === 'TokenLifecycleError' &&
      typeof (error as TokenLifecycleError).status === 'number'
    );
  }

  readonly code:
    | 'not_found'
    | 'too_new'
    | 'expired'
    | 'revoked'
    | 'no_token'
    | 'graph_error'
    | 'refresh_busy'
    | 'not_refreshable';
  readonly status: number;

  constructor(
    code: TokenLifecycleError['code'],
    status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TokenLifecycleError';
    this.code = code;
    this.status = status;
  }
}
