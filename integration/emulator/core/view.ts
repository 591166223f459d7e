import type { CdnUrlFor } from '../read/cdn.ts';

/** What rendering needs besides the data: where links point and how they are signed. */
export interface ViewContext {
  /** Where Graph links point: `http://host:port` as the client reached the emulator, plus `/facebook` on that host. */
  origin: string;
  /** Version segment for `paging` links, e.g. `v26.0`. */
  version: string;
  /** Embedded in `paging` links, as Graph does. */
  accessToken: string;
  cdnUrl: CdnUrlFor;
}
