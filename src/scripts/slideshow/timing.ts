// The slideshow's pace, in one place: the page's script and its tests read these.

/** How long each photo stays. */
export const SLIDE_MS = 8_000;
/** How often the server is asked for newly approved photos: they show within this + SLIDE_MS. */
export const POLL_MS = 20_000;
/** Between polls after several have failed in a row (a static host has no server). */
export const RETRY_MS = 60_000;
/** How long the controls stay after a key, a touch or a mouse move. */
export const CONTROLS_MS = 6_000;
