/** A control call with input it cannot use (unknown account, bad date, …); over HTTP it is a 400. */
export class ControlInputError extends Error {
  override name = 'ControlInputError';
}
