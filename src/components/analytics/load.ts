import { placeholderPayload, type AnalyticsPayload } from '../../../integration/analytics/index.ts';
import { getServices } from '../../../integration/server/index.ts';

export interface SectionProps {
  account: string;
  since: string;
  until: string;
  /**
   * Render the section's shape with no numbers, as the fallback of its server island: it then
   * takes the room the section will, so nothing moves when the numbers arrive.
   */
  placeholder?: boolean;
}

export type SectionData =
  | { payload: AnalyticsPayload; placeholder: boolean }
  | { problem: string; placeholder: false };

/** The payload a dashboard section shows; every section asks, the cache computes it once. */
export async function analyticsFor(props: SectionProps): Promise<SectionData> {
  const { analytics, config } = await getServices();
  if (props.placeholder)
    return { payload: placeholderPayload(props, config.analytics.timeZone), placeholder: true };
  try {
    return {
      payload: await analytics.payload(
        new URLSearchParams({ account: props.account, since: props.since, until: props.until }),
      ),
      placeholder: false,
    };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error), placeholder: false };
  }
}

/** `data-section` names a section once it holds numbers; a placeholder has none. */
export const sectionName = (data: SectionData, name: string) =>
  data.placeholder ? undefined : name;
