import type { IncomingMessage } from 'node:http';
import type { EmulatorControl } from './control.ts';
import { ControlInputError } from './control-input.ts';
import { type ActiveFault, FaultSpecError } from './faults.ts';
import { jsonReply, type Reply } from '../http/reply.ts';
import { readBody } from '../http/request-body.ts';

type ControlRoute = (control: EmulatorControl, body: unknown, url: URL) => Reply | Promise<Reply>;

const CONTROL_ROUTES: Record<string, ControlRoute> = {
  'POST /__control/faults': (control, body) => {
    const added = Array.isArray(body)
      ? body.map((fault) => control.addFault(fault))
      : control.addFault(body as never);
    return jsonReply(201, Array.isArray(added) ? { data: added.map(faultJson) } : faultJson(added));
  },
  'GET /__control/faults': (control) => jsonReply(200, { data: control.faults().map(faultJson) }),
  'DELETE /__control/faults': (control) => {
    control.clearFaults();
    return jsonReply(200, { cleared: true });
  },
  'GET /__control/requests': (control) => jsonReply(200, control.counts()),
  'POST /__control/reset': (control) => {
    control.reset();
    return jsonReply(200, { reset: true, now: new Date(control.now()).toISOString() });
  },
  'POST /__control/clock': (control, body) => {
    const seconds = (body as { advanceSeconds?: unknown } | undefined)?.advanceSeconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds))
      return controlError(400, 'advanceSeconds must be a number of seconds');
    control.advanceClock(seconds);
    return jsonReply(200, { now: new Date(control.now()).toISOString() });
  },
  'GET /__control/clock': (control) =>
    jsonReply(200, { now: new Date(control.now()).toISOString() }),
  'POST /__control/oauth': (control, body) => {
    control.setOAuthResponseShape(field(body, 'responseShape') as never);
    return jsonReply(200, { responseShape: control.oauthResponseShape() });
  },
  'GET /__control/oauth': (control) =>
    jsonReply(200, { responseShape: control.oauthResponseShape() }),
  'POST /__control/tokens': (control, body) =>
    jsonReply(201, { token: control.issueToken(body as never) }),
  'POST /__control/tokens/revoke': (control, body) => {
    control.revokeToken(field(body, 'token') as string, field(body, 'reason') as never);
    return jsonReply(200, { revoked: true });
  },
  'GET /__control/containers': (control) => jsonReply(200, { data: control.containers() }),
  'GET /__control/published': (control, _body, url) =>
    jsonReply(200, { data: control.publishedMedia(url.searchParams.get('userId') ?? undefined) }),
  'POST /__control/publishing': (control, body) => {
    const videoProcessingMs = field(body, 'videoProcessingMs');
    const imageFailures = field(body, 'imageFailures');
    if (videoProcessingMs === undefined && imageFailures === undefined) {
      throw new ControlInputError('give videoProcessingMs and/or imageFailures');
    }
    if (videoProcessingMs !== undefined) control.setVideoProcessingMs(videoProcessingMs as number);
    if (imageFailures !== undefined) control.setImageFailures(imageFailures as never);
    return jsonReply(200, control.publishingSettings());
  },
  'GET /__control/publishing': (control) => jsonReply(200, control.publishingSettings()),
  'POST /__control/webhooks': async (control, body) =>
    jsonReply(200, await control.sendWebhook(body as never)),
  'POST /__control/guest-posts': (control, body) =>
    jsonReply(201, control.addGuestPost(body as never)),
  'POST /__control/webhooks/mentions': async (control, body) =>
    jsonReply(200, await control.sendMentionWebhook(body as never)),
};

/** `/__control/*`: fault injection, request counts, clock, OAuth and tokens, publishing, reset; no auth. */
export async function controlRoute(
  control: EmulatorControl,
  request: IncomingMessage,
  url: URL,
): Promise<Reply> {
  const key = `${request.method} ${url.pathname.replace(/\/$/, '')}`;
  const route = CONTROL_ROUTES[key];
  if (!route)
    return controlError(
      404,
      `No control route ${key}; known: ${Object.keys(CONTROL_ROUTES).join(', ')}`,
    );
  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch {
    return controlError(400, 'The request body is not valid JSON');
  }
  try {
    return await route(control, body, url);
  } catch (error) {
    if (error instanceof FaultSpecError || error instanceof ControlInputError)
      return controlError(400, error.message);
    throw error;
  }
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const text = (await readBody(request)).toString('utf8').trim();
  return text === '' ? undefined : JSON.parse(text);
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** `remaining` is null for a fault that lasts until cleared (JSON has no Infinity). */
function faultJson(fault: ActiveFault): Record<string, unknown> {
  return { ...fault, remaining: Number.isFinite(fault.remaining) ? fault.remaining : null };
}

function controlError(status: number, message: string): Reply {
  return jsonReply(status, { error: { message } });
}
