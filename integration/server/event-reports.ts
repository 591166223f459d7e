import { eventReport, type EventReport } from '../analytics/index.ts';
import { guestPhotoCounts } from '../guest/index.ts';
import type { Services } from './services.ts';

/**
 * The report of the event `eventId`, or undefined when there is no such event: the posts of each
 * account in use made in the event's window (an event with an `account` filter asks only that
 * account), one Graph batch per account, cached; and its guest photos by moderation state.
 */
export async function eventReportFor(
  services: Pick<Services, 'guestEvents' | 'guestPhotos' | 'accounts' | 'analytics'>,
  eventId: string,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<EventReport | undefined> {
  const event = (await services.guestEvents()).find((candidate) => candidate.id === eventId);
  if (!event) return undefined;
  const wanted = event.account?.replace(/^@/, '').toLowerCase();
  const accounts = (await services.accounts.inUse())
    .map(({ account }) => account)
    .filter(
      (account) =>
        !wanted || account.username.toLowerCase() === wanted || account.userId === wanted,
    );
  const from = Date.parse(event.window.fromUtc);
  const to = Date.parse(event.window.toUtc);
  const [sources, photos] = await Promise.all([
    Promise.all(
      accounts.map((account) =>
        services.analytics.postsBetween(account.userId, from, to, { fresh }),
      ),
    ),
    guestPhotoCounts(services.guestPhotos, event.id),
  ]);
  return eventReport(event, sources, photos);
}
