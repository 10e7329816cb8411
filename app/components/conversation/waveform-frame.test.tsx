import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { MediaPlayerSource } from "./types";
import { WaveformShell } from "./waveform-frame";

const source = (overview: number[][] | null): MediaPlayerSource => ({
  status: "ready",
  audioUrl: "https://storage.example/recording.wav?sig=1",
  peaksUrl: "https://storage.example/peaks.json?sig=2",
  overview,
  durationMs: 3_600_000,
  channels: [
    { label: "Agent · Dana", role: "agent" },
    { label: "Customer · Jo", role: "customer" },
  ],
});

describe("WaveformShell (the waveform's box in the server's HTML)", () => {
  it("draws the overview, one envelope per lane, beside the lanes", () => {
    const html = renderToStaticMarkup(createElement(WaveformShell, { source: source([[0, 100, 50], [20, 0, 0]]) }));
    expect(html).toContain('data-waveform-drawn="overview"');
    expect(html).toContain('viewBox="0 0 3 200"');
    expect(html.match(/<polygon/g)).toHaveLength(2);
    expect(html).toContain("waveform-overview__lane--agent");
    expect(html).toContain("waveform-overview__lane--customer");
    // Column 1 of the agent lane at full scale reaches 4 units from the top of its 100-unit lane.
    expect(html).toContain("1,4.0 2,4.0");
    expect(html).toContain("Agent · Dana");
    expect(html).not.toContain("Loading the waveform");
  });

  it("asks the browser for the full peaks while the page loads", () => {
    const html = renderToStaticMarkup(createElement(WaveformShell, { source: source(null) }));
    expect(html).toContain('<link rel="preload" href="https://storage.example/peaks.json?sig=2" as="fetch" crossorigin="anonymous"/>');
  });

  it("says it is loading when the row has no overview yet", () => {
    const html = renderToStaticMarkup(createElement(WaveformShell, { source: source(null) }));
    expect(html).not.toContain("data-waveform-drawn");
    expect(html).toContain("Loading the waveform…");
  });
});
