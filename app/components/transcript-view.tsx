interface Speaker {
  id: string;
  role: "agent" | "customer";
  name?: string;
}

interface Segment {
  id: string;
  speaker: string;
  text: string;
  time: string;
}

/** The transcript as a list of turns; text is rendered as text (React escapes it), never as HTML. */
export function TranscriptView({ speakers, segments }: { speakers: Speaker[]; segments: Segment[] }) {
  const byId = new Map(speakers.map((speaker) => [speaker.id, speaker]));
  if (segments.length === 0) return <p className="empty-state">The transcript is empty.</p>;
  return (
    <ol className="transcript" aria-label="Transcript">
      {segments.map((segment) => {
        const speaker = byId.get(segment.speaker);
        const role = speaker?.role ?? "customer";
        return (
          <li key={segment.id} id={`segment-${segment.id}`} className={`turn turn--${role}`}>
            <div className="turn__meta">
              <span className="turn__speaker">{speaker?.name ?? (role === "agent" ? "Agent" : "Customer")}</span>
              <span className="turn__time">{segment.time}</span>
            </div>
            <p className="turn__text">{segment.text}</p>
          </li>
        );
      })}
    </ol>
  );
}
