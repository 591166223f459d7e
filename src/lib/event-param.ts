/** Why `id` cannot be an event id (the name of its file in the events folder), or undefined when it can. */
export function eventIdProblem(id: string): string | undefined {
  if (id.length > 100) return 'an event id has at most 100 characters.';
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    return 'expected an event id such as 2026-04-29 (a-z, 0-9 and -).';
  return undefined;
}
