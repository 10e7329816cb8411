import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MediaPlayer, type MediaPlayerProps } from "./media-player";
import type { MediaPlayerSource } from "./types";

const noop = () => {};
const render = (source: Partial<MediaPlayerSource>) => {
  const props: MediaPlayerProps = {
    source: {
      status: "ready",
      audioUrl: "https://storage.example/recording.wav?sig=1",
      peaksUrl: "https://storage.example/peaks.json?sig=2",
      overview: [[10, 100]],
      durationMs: 125_000,
      channels: [{ label: "Recording", role: "mixed" }],
      ...source,
    },
    regions: [],
    draft: null,
    selectable: false,
    onDraw: noop,
    onRegionClick: noop,
    onTimeUpdate: noop,
    onSeek: noop,
  };
  return renderToStaticMarkup(createElement(MediaPlayer, props));
};

describe("MediaPlayer as the server renders it", () => {
  it("has its one audio element (no controls: the transport's), the waveform's box and a transport not yet usable", () => {
    const html = render({});
    expect(html.match(/<audio/g)).toHaveLength(1);
    expect(html).toMatch(/<audio(?![^>]*controls)[^>]*src="https:\/\/storage.example\/recording.wav\?sig=1"/);
    expect(html).toContain('data-waveform-drawn="overview"');
    expect(html).toContain("2:05");
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Play<\/button>/);
    expect(html).toMatch(/role="status"[^>]*>Loading the player…/);
  });

  it("gives a recording without peaks the browser's controls and says why", () => {
    const processing = render({ peaksUrl: null, overview: null, status: "processing" });
    expect(processing).toMatch(/<audio[^>]*controls=""/);
    expect(processing).toContain("The waveform is being prepared; the recording already plays.");
    expect(processing).not.toContain(">Play</button>");
    const failed = render({ peaksUrl: null, overview: null, status: "failed" });
    expect(failed).toContain("There is no waveform for this recording");
    expect(failed).not.toContain("being prepared");
  });
});
