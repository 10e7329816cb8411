/**
 * The review workspace's waveform (browser only; media-player.tsx loads it lazily).
 * wavesurfer.js 8 draws the precomputed peaks (docs/decisions/0006) with the known
 * duration, so the browser never downloads or decodes the whole recording; the player's
 * <audio> element (media-player.tsx, which outlives this component) plays it from the
 * presigned URL with Range requests. Two-channel calls get two lanes. The regions plugin
 * draws annotations (coloured by sentiment) and, while editable, lets the reviewer drag a
 * new range: that "draft" stays drawn while its form is open. A click on the waveform seeks
 * through the player's handle, the one seek path.
 */
import { useEffect, useRef, useState, type MouseEvent, type RefObject } from "react";
import WaveSurfer from "wavesurfer.js";
import RegionsPlugin, { type Region } from "wavesurfer.js/plugins/regions";
import { readPeaks } from "./peaks";
import { LANE_HEIGHT, WaveformLanes, WaveformOverviewImage } from "./waveform-frame";
import type { MediaPlayerSource, PlayerLane, RegionSpec } from "./types";

/** What the page gives the player (media-player.tsx) for the waveform. */
export interface WaveformOptions {
  regions: readonly RegionSpec[];
  /** The range being annotated (dragged, or the moment of the A key); null when no form is open. */
  draft: { startMs: number; endMs: number } | null;
  /** Dragging across the waveform draws a new range (editable workspace only). */
  selectable: boolean;
  onDraw: (range: { startMs: number; endMs: number }) => void;
  onRegionClick: (annotationId: string) => void;
}

export type WaveformLoad = { kind: "loading" } | { kind: "ready"; durationMs: number } | { kind: "failed"; message: string };

export interface WaveformProps extends WaveformOptions {
  source: MediaPlayerSource & { peaksUrl: string };
  /** The player's <audio> element: wavesurfer draws its progress and never replaces it. */
  audio: RefObject<HTMLAudioElement | null>;
  /** A click on the waveform, as a moment of the recording. */
  onSeek: (ms: number) => void;
  onLoad: (load: WaveformLoad) => void;
}

const ANNOTATION_PREFIX = "annotation:";
export const regionColours = {
  positive: "rgba(19, 120, 60, 0.28)",
  negative: "rgba(190, 30, 20, 0.26)",
  neutral: "rgba(29, 78, 216, 0.2)",
  draft: "rgba(245, 158, 11, 0.35)",
} as const;
const colourOf = (spec: RegionSpec) => regionColours[spec.sentiment ?? "neutral"];

type LoadState = { kind: "loading" } | { kind: "ready"; lanes: PlayerLane[] } | { kind: "failed"; message: string };

export function Waveform(props: WaveformProps) {
  // Sources are read once: a reload of the page data brings fresh presigned URLs.
  const [source] = useState(props.source);
  const root = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const { audio } = props;
  const surfer = useRef<WaveSurfer | null>(null);
  const plugin = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const drawn = useRef(new Map<string, Region>());
  const draftRegion = useRef<Region | null>(null);
  const adding = useRef(false);
  const latest = useRef(props);
  const [load, setLoad] = useState<LoadState>({ kind: "loading" });

  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const element = container.current;
    const media = audio.current;
    const host = root.current?.closest<HTMLElement>(".media-player") ?? root.current;
    if (!element || !media || !host) return;
    const abort = new AbortController();
    let instance: WaveSurfer | null = null;
    const drawnRegions = drawn.current;

    async function start(element: HTMLElement, media: HTMLAudioElement, host: HTMLElement) {
      const response = await fetch(source.peaksUrl, { signal: abort.signal });
      if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
      const { peaks, duration } = readPeaks(await response.json());
      if (abort.signal.aborted) return;
      const lanes = peaks.map((_, index): PlayerLane => source.channels[index] ?? { label: `Channel ${index + 1}`, role: "mixed" });
      const colours = lanes.map((lane) => laneColours(host, lane.role));
      const regions = RegionsPlugin.create();
      instance = WaveSurfer.create({
        container: element,
        media,
        peaks,
        duration,
        height: LANE_HEIGHT,
        normalize: true,
        cursorColor: cssVariable(host, "--text") || "#1b1f24",
        cursorWidth: 2,
        // Clicks seek through the player's handle (onClick below), never wavesurfer's
        // deferred setTime; dragging draws a region when annotating.
        interact: false,
        dragToSeek: false,
        plugins: [regions],
        ...(lanes.length > 1
          ? { splitChannels: colours.map(({ wave, progress }) => ({ waveColor: wave, progressColor: progress })) }
          : { waveColor: colours[0]?.wave, progressColor: colours[0]?.progress }),
      });
      surfer.current = instance;
      plugin.current = regions;
      instance.on("ready", (seconds) => {
        setLoad({ kind: "ready", lanes });
        latest.current.onLoad({ kind: "ready", durationMs: Math.round(seconds * 1000) });
      });
      regions.on("region-created", (region) => {
        if (adding.current) return;
        // Drawn by dragging: the new draft replaces any earlier one.
        if (draftRegion.current && draftRegion.current !== region) draftRegion.current.remove();
        draftRegion.current = region;
        latest.current.onDraw(rangeOf(region));
      });
      regions.on("region-updated", (region) => {
        if (region === draftRegion.current) latest.current.onDraw(rangeOf(region));
      });
      regions.on("region-clicked", (region) => {
        if (region.id.startsWith(ANNOTATION_PREFIX)) latest.current.onRegionClick(region.id.slice(ANNOTATION_PREFIX.length));
      });
    }

    start(element, media, host).catch((error: unknown) => {
      if (abort.signal.aborted) return;
      const message = `The waveform could not be loaded (${error instanceof Error ? error.message : String(error)}). The recording still plays below.`;
      setLoad({ kind: "failed", message });
      latest.current.onLoad({ kind: "failed", message });
    });
    return () => {
      abort.abort();
      instance?.destroy();
      surfer.current = null;
      plugin.current = null;
      drawnRegions.clear();
      draftRegion.current = null;
    };
  }, [source, audio]);

  const ready = load.kind === "ready";

  // Dragging draws a draft only while annotating is allowed.
  useEffect(() => {
    const regions = plugin.current;
    if (!ready || !regions || !props.selectable) return;
    return regions.enableDragSelection({ color: regionColours.draft, drag: true, resize: true });
  }, [ready, props.selectable]);

  // The annotations, drawn: added, recoloured, moved or removed to match the list.
  useEffect(() => {
    const regions = plugin.current;
    if (!ready || !regions) return;
    const wanted = new Set<string>();
    for (const spec of props.regions) {
      wanted.add(spec.id);
      const start = spec.startMs / 1000;
      const end = spec.endMs / 1000;
      const existing = drawn.current.get(spec.id);
      if (existing) {
        if (existing.start !== start || existing.end !== end || existing.color !== colourOf(spec)) existing.setOptions({ start, end, color: colourOf(spec) });
        continue;
      }
      adding.current = true;
      try {
        drawn.current.set(spec.id, regions.addRegion({ id: `${ANNOTATION_PREFIX}${spec.id}`, start, end, color: colourOf(spec), drag: false, resize: false }));
      } finally {
        adding.current = false;
      }
    }
    for (const [id, region] of drawn.current) {
      if (!wanted.has(id)) {
        region.remove();
        drawn.current.delete(id);
      }
    }
  }, [ready, props.regions]);

  // The draft follows the form: gone when it closes, drawn for the A key's moment.
  const draftStart = props.draft?.startMs ?? null;
  const draftEnd = props.draft?.endMs ?? null;
  useEffect(() => {
    const regions = plugin.current;
    if (!ready || !regions) return;
    if (draftStart === null || draftEnd === null) {
      draftRegion.current?.remove();
      draftRegion.current = null;
      return;
    }
    const start = draftStart / 1000;
    const end = draftEnd / 1000;
    const current = draftRegion.current;
    if (current) {
      if (Math.abs(current.start - start) > 0.001 || Math.abs(current.end - end) > 0.001) current.setOptions({ start, end });
      return;
    }
    adding.current = true;
    try {
      draftRegion.current = regions.addRegion({ start, end, color: regionColours.draft, drag: false, resize: false });
    } finally {
      adding.current = false;
    }
  }, [ready, draftStart, draftEnd]);

  const lanes = load.kind === "ready" ? load.lanes : source.channels.length > 0 ? source.channels : [{ label: "Recording", role: "mixed" as const }];
  // The overview from the page stays drawn until wavesurfer has drawn the full peaks.
  const overview = !ready && load.kind !== "failed" ? source.overview : null;

  function seekFromClick(event: MouseEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const duration = surfer.current?.getDuration() || source.durationMs / 1000;
    if (box.width <= 0) return;
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    latest.current.onSeek(Math.round(fraction * duration * 1000));
  }

  return (
    <div ref={root} className="player__stage media-player__stage" style={{ minHeight: lanes.length * LANE_HEIGHT }}>
      <WaveformLanes lanes={lanes} />
      <div
        ref={container}
        className="player__waveform media-player__waveform waveform-box"
        role="img"
        aria-label={`Waveform${props.selectable ? "; drag across it to annotate a range" : ""}. Click to play from a moment; the keys J, K and L work anywhere.`}
        onClick={seekFromClick}
      >
        {overview ? <WaveformOverviewImage channels={overview} lanes={lanes} /> : null}
      </div>
      {load.kind === "loading" && !overview ? <p className="player__loading muted">Loading the waveform…</p> : null}
      {load.kind === "failed" ? (
        <p className="alert alert--error media-player__failure" role="alert">
          {load.message}
        </p>
      ) : null}
    </div>
  );
}

export default Waveform;

const rangeOf = (region: Region) => ({ startMs: Math.round(region.start * 1000), endMs: Math.round(region.end * 1000) });

function cssVariable(element: HTMLElement, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim();
}

/** The lane's colour from the stylesheet: the played part in full, the rest paler (opaque, see player/). */
function laneColours(element: HTMLElement, role: PlayerLane["role"]): { wave: string; progress: string } {
  const variable = role === "agent" ? "--agent" : role === "customer" ? "--customer" : "--accent";
  const colour = cssVariable(element, variable) || "#57606a";
  return { wave: paler(colour, 0.55), progress: colour };
}

function paler(colour: string, amount: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!hex) return colour;
  const channel = (value: string) =>
    Math.round(parseInt(value, 16) + (255 - parseInt(value, 16)) * amount)
      .toString(16)
      .padStart(2, "0");
  return `#${channel(hex[1] as string)}${channel(hex[2] as string)}${channel(hex[3] as string)}`;
}
