/**
 * A session as an iCalendar file (RFC 5545) to add it to a calendar (issue 15 §2). Pure. Times
 * in UTC (a trailing Z), so no VTIMEZONE is needed and every calendar shows the right local
 * time; lines end CRLF and text is escaped; lines longer than 75 octets are folded.
 */
const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
const escape = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/([,;])/g, "\\$1");

function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    if (Buffer.byteLength(current + char, "utf8") > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function sessionIcs(session: { id: string; startsAt: Date; durationMinutes: number; summary: string; description: string; url: string; now: Date }): string {
  const end = new Date(session.startsAt.getTime() + session.durationMinutes * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Parley//Coaching//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:coaching-session-${session.id}@parley`,
    `DTSTAMP:${stamp(session.now)}`,
    `DTSTART:${stamp(session.startsAt)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${escape(session.summary)}`,
    `DESCRIPTION:${escape(session.description)}`,
    `URL:${session.url}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
