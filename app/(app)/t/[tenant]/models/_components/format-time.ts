/** Date and time in the tenant's locale; "—" for a missing timestamp. */
export function timeFormatter(locale: string) {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
  return (value: Date | null | undefined) => (value ? format.format(value) : "—");
}

/** "42 s", "3.5 min": short enough for a table cell. */
export function formatSeconds(seconds: number): string {
  return seconds < 90 ? `${seconds.toFixed(seconds < 10 ? 1 : 0)} s` : `${(seconds / 60).toFixed(1)} min`;
}
