import { type Container, containerStatus, statusText } from './containers.ts';
import { GraphError, nonexistingField } from '../core/errors.ts';
import type { FieldRequest } from '../core/fields.ts';

type ContainerField = (container: Container, nowMs: number) => unknown;

// Fields of the IG Container node, which Graph calls ShadowIGMediaBuilder in its errors.
const CONTAINER_FIELDS: Record<string, ContainerField> = {
  id: (container) => container.id,
  status_code: (container, nowMs) => containerStatus(container, nowMs),
  status: (container, nowMs) => statusText(container, containerStatus(container, nowMs)),
  copyright_check_status: (container, nowMs) =>
    container.fileKind === 'video' ? copyrightCheck(container, nowMs) : undefined,
};

export function checkContainerFields(fields: FieldRequest[] | undefined): void {
  for (const field of fields ?? []) {
    if (!Object.hasOwn(CONTAINER_FIELDS, field.name))
      throw new GraphError(nonexistingField(field.name, 'ShadowIGMediaBuilder'));
  }
}

/** Requested fields in request order, `id` always; without fields, just `{id}`. */
export function renderContainer(
  container: Container,
  fields: FieldRequest[] | undefined,
  nowMs: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields ?? []) {
    const value = CONTAINER_FIELDS[field.name]?.(container, nowMs);
    if (value !== undefined) out[field.name] = value;
  }
  out.id = container.id;
  return out;
}

/** The emulator finds no copyright match: the check is `in_progress` while the video processes, then `completed`. */
function copyrightCheck(container: Container, nowMs: number): Record<string, unknown> {
  const code = containerStatus(container, nowMs);
  if (code === 'IN_PROGRESS') return { status: 'in_progress', matches_found: false };
  if (code === 'ERROR') return { status: 'error', matches_found: false };
  return { status: 'completed', matches_found: false };
}
