import type { AnalyticsPayload } from '../../../integration/analytics/index.ts';
import { getServices } from '../../../integration/server/index.ts';

export interface SectionProps {
  account: string;
  since: string;
  until: string;
}

/** The payload a dashboard section shows; every section asks, the cache computes it once. */
export async function analyticsFor(
  props: SectionProps,
): Promise<{ payload: AnalyticsPayload } | { problem: string }> {
  const { analytics } = await getServices();
  try {
    return {
      payload: await analytics.payload(
        new URLSearchParams({ account: props.account, since: props.since, until: props.until }),
      ),
    };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
