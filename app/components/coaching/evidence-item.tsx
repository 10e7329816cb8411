/**
 * One piece of a plan's evidence (issue 15 §1): strength or opportunity, the conversation (a link
 * to its evaluation), the transcript span quoted, the reviewer's comment, and for an annotated
 * moment of a recording a small player for that moment: one button (a real <button>, so Enter and
 * Space work) that plays from the moment's start and stops at its end. The <audio> element loads
 * nothing until asked (preload="none") — a plan may carry several recordings — and its URL carries
 * the moment as a media fragment (#t=start,end), so the browser fetches from the moment's offset.
 */
import { Link } from "@remix-run/react";
import { useRef, useState } from "react";
import type { EvidenceView } from "../../modules/coaching/evidence-views.server";

/** A moment marked at one instant plays this long. */
const POINT_MOMENT_MS = 5000;

export function EvidenceItem({ evidence: e }: { evidence: EvidenceView }) {
  return (
    <li className="coaching-evidence__item">
      <span className={`badge ${e.kind === "strength" ? "badge--pass" : "badge--under"}`}>{e.kind === "strength" ? "Strength" : "Opportunity"}</span>{" "}
      <Link to={`/evaluations/${e.evaluationId}`}>
        Conversation of {e.conversation}
        {e.score === null ? "" : `, scored ${e.score.toFixed(1)}`}
      </Link>
      {e.annotation ? (
        <figure className="coaching-evidence__moment">
          {e.annotation.quote ? <blockquote>{e.annotation.quote}</blockquote> : null}
          <figcaption>
            {e.annotation.moment ? `At ${e.annotation.moment}: ` : ""}
            {e.annotation.comment}
          </figcaption>
          {e.media ? <MomentPlayer media={e.media} moment={e.annotation.moment ?? ""} conversation={e.conversation} /> : null}
        </figure>
      ) : null}
      {e.note ? <p>{e.note}</p> : null}
    </li>
  );
}

function MomentPlayer({ media, moment, conversation }: { media: NonNullable<EvidenceView["media"]>; moment: string; conversation: string }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [failed, setFailed] = useState(false);
  const start = media.startMs / 1000;
  const end = (media.endMs > media.startMs ? media.endMs : media.startMs + POINT_MOMENT_MS) / 1000;

  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (!element.paused) {
      element.pause();
      return;
    }
    // From the moment's start every time (a replay too); the fragment only bounds the first play.
    element.currentTime = start;
    element.play().catch(() => setFailed(true));
  };
  const stopAtEnd = () => {
    const element = audio.current;
    if (element && element.currentTime >= end) element.pause();
  };

  return (
    <div className="coaching-evidence__player">
      <button type="button" className="button button--small" onClick={toggle}>
        {playing ? "Pause" : "Play the moment"}
        <span className="visually-hidden">
          {" "}
          {moment} of the conversation of {conversation}
        </span>
      </button>
      {failed ? (
        <span className="small" role="status">
          The recording could not be played here; open the evaluation to listen.
        </span>
      ) : null}
      <audio
        ref={audio}
        preload="none"
        src={`${media.url}#t=${start},${end}`}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={stopAtEnd}
        onError={() => setFailed(true)}
      />
    </div>
  );
}
