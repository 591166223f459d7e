/** A refresh or token lookup that cannot succeed as asked; `status` is the HTTP status for the API. */
export class TokenLifecycleError extends Error {
  readonly code: 'not_found' | 'too_new' | 'expired' | 'revoked' | 'no_token' | 'graph_error';
  readonly status: number;

  constructor(code: TokenLifecycleError['code'], status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenLifecycleError';
    this.code = code;
    this.status = status;
  }
}
