// Account insights count days in US-Pacific time, as Meta's servers do.
const pacific = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** One Pacific day: its date and the instant it ends (the next Pacific midnight). */
export interface PacificDay {
  date: string;
  endMs: number;
}

/** The Pacific days whose end lies in (fromMs, toMs], oldest first: the first is the day `fromMs` falls in. */
export function pacificDaysEnding(fromMs: number, toMs: number): PacificDay[] {
  const days: PacificDay[] = [];
  for (let date = pacificTime(fromMs).date; ; date = nextDate(date)) {
    const endMs = pacificMidnight(nextDate(date));
    if (endMs > toMs) return days;
    days.push({ date, endMs });
  }
}

/** The instant a Pacific date begins: 07:00 UTC under daylight saving time, else 08:00 UTC. */
export function pacificMidnight(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const pdt = Date.UTC(year, month - 1, day, 7);
  return pacificTime(pdt).hour === 0 ? pdt : Date.UTC(year, month - 1, day, 8);
}

function pacificTime(ms: number): { date: string; hour: number } {
  const part = Object.fromEntries(
    pacific.formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  return { date: `${part.year}-${part.month}-${part.day}`, hour: Number(part.hour) };
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
