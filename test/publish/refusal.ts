import { PublishInputError } from '../../integration/publish/prepare/index.ts';

/** The PublishInputError `run` throws; any other outcome fails the test. */
export function refusal(run: () => unknown): PublishInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof PublishInputError) return error;
    throw error;
  }
  throw new Error('expected a PublishInputError');
}

/** The PublishInputError a promise rejects with; any other outcome fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<PublishInputError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof PublishInputError) return error;
  throw error ?? new Error('expected a PublishInputError');
}
