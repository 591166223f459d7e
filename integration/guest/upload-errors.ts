/** Why a guest upload was refused; `status` is the HTTP status the server answers with. */
export class GuestUploadError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 422) {
    super(message);
    this.name = 'GuestUploadError';
    this.code = code;
    this.status = status;
  }

  /** By name, not `instanceof`: `npm start` and the bundled routes hold two copies of this class. */
  static is(error: unknown): error is GuestUploadError {
    return (
      error instanceof Error &&
      error.name === 'GuestUploadError' &&
      typeof (error as GuestUploadError).status === 'number'
    );
  }
}
