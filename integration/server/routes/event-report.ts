import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { AnalyticsInputError, eventReportCsv } from '../../analytics/index.ts';
import { redact } from '../../graph/index.ts';
import { eventReportFor } from '../event-reports.ts';
import { EVENT_ID, FLAG } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.looseObject({ event: EVENT_ID }),
  query: z.looseObject({
    fresh: FLAG.optional(),
    format: z.enum(['csv', 'json', ''], 'expected csv or json').optional(),
  }),
  usage: 'Send /api/admin/events/<event id>/report[?format=csv|json][&fresh=1].',
};

/**
 * GET /api/admin/events/<event>/report[?format=csv|json][&fresh=1] (admin only): the event's
 * report (integration/analytics/event-report.ts) as JSON; `format=csv` downloads its posts table,
 * `format=json` the report as a file.
 */
export const GET: APIRoute = async (context) => {
  const { params, query } = await parseRequest(schema, context);
  const services = await getServices();
  try {
    const report = await eventReportFor(services, params.event, { fresh: query.fresh ?? false });
    if (!report)
      return jsonError(
        404,
        'unknown_event',
        `There is no event "${params.event}": path parameter "event" must name a file in ${services.options.eventsDir}.`,
      );
    const noStore = { 'cache-control': 'private, no-store' };
    if (!query.format) return json(report, 200, noStore);
    const download = {
      ...noStore,
      'content-disposition': `attachment; filename="event-report-${report.event.id}.${query.format}"`,
    };
    if (query.format === 'json') return json(report, 200, download);
    return new Response(eventReportCsv(report), {
      headers: { 'content-type': 'text/csv; charset=utf-8', ...download },
    });
  } catch (error) {
    // An account disconnected while the report was read.
    if (AnalyticsInputError.is(error)) return jsonError(409, 'account_unavailable', error.message);
    if (!(error instanceof Error && error.name === 'GraphError')) throw error;
    return jsonError(
      502,
      'instagram_unavailable',
      `Instagram did not answer, and there is no earlier report to show: ${redact(error.message)}`,
    );
  }
};
