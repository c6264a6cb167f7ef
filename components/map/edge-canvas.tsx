'use client';
// The <canvas> under the SVG cards that draws a big map's edges (edge-canvas-draw.ts). Where the
// browser can, the canvas is handed to the map worker, which draws it (edge-painter.ts) and this
// component only sends the view; otherwise it draws here. Colours come from the theme's CSS
// variables, re-read when the theme changes; a redraw happens at most once per frame.
import { useEffect, useRef, useState } from 'react';
import { drawEdges, type EdgeDrawInput, type EdgePalette } from './edge-canvas-draw';
import { sameDrawing } from './edge-painter';
import type { DrawnEdge } from './graph-patch';
import type { MapWorkerLink } from './use-map-worker';

function readPalette(element: Element): EdgePalette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    edge: v('--edge', '#5d7391'),
    drop: v('--drop', '#f85149'),
    warn: v('--warn', '#d29922'),
    text: v('--text', '#e6edf3'),
    halo: v('--panel', '#161b22'),
    font: v('--mono', 'monospace'),
  };
}

/** Bumps when the page's theme (html data-theme) changes. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class'],
    });
    return () => observer.disconnect();
  }, []);
  return version;
}

type Props = Omit<EdgeDrawInput, 'width' | 'height' | 'pixelRatio' | 'palette'> & {
  /** The selected card (the worker dims edges away from it itself). */
  focus?: string;
  /** The map worker: when the browser can hand it the canvas, the worker draws the edges. */
  link?: MapWorkerLink;
  /** Edges the worker reported drawing. */
  workerDrawn?: number;
};

// A canvas can be handed over once; a remount (React's strict mode does one) needs a new element.
const transferred = new WeakSet<HTMLCanvasElement>();

export function EdgeCanvas(props: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0, ratio: 1 });
  const theme = useThemeVersion();
  const latest = useRef(props);
  latest.current = props;
  const frame = useRef<number | undefined>(undefined);
  const [drawn, setDrawn] = useState(0);
  const [offscreen, setOffscreen] = useState(false);
  const [generation, setGeneration] = useState(0);
  const { link } = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is a new <canvas>
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !link || typeof canvas.transferControlToOffscreen !== 'function') return;
    if (transferred.has(canvas)) {
      setGeneration((g) => g + 1);
      return;
    }
    let surface: OffscreenCanvas;
    try {
      surface = canvas.transferControlToOffscreen();
    } catch {
      return;
    }
    transferred.add(canvas);
    link.post({ type: 'edge-canvas', canvas: surface }, [surface]);
    setOffscreen(true);
    return () => link.post({ type: 'edge-canvas', canvas: null });
  }, [link, generation]);

  // With the canvas in the worker, only the view travels; ticks cost this thread nothing.
  const { transform, arrows, labels, focus, skip, windowSeconds } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: theme and generation force a resend
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!offscreen || !link || !canvas || size.width === 0) return;
    link.post({
      type: 'edge-view',
      transform: { x: transform.x, y: transform.y, k: transform.k },
      width: size.width,
      height: size.height,
      pixelRatio: size.ratio,
      arrows,
      labels,
      ...(focus !== undefined ? { focus } : {}),
      skip: [...skip],
      palette: readPalette(canvas),
      windowSeconds,
    });
  }, [offscreen, link, transform, size, arrows, labels, focus, skip, windowSeconds, theme, generation]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const measure = () => {
      const { width, height } = canvas.getBoundingClientRect();
      setSize({ width, height, ratio: window.devicePixelRatio || 1 });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  const drawnEdges = useRef<readonly DrawnEdge[] | undefined>(undefined);
  const otherInputs = [
    props.positions,
    props.transform,
    props.arrows,
    props.labels,
    props.dimmed,
    props.skip,
    props.windowSeconds,
    size,
    theme,
  ];
  const lastInputs = useRef<unknown[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: every input that is drawn schedules a redraw
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0 || offscreen) return;
    const othersSame = otherInputs.every((x, i) => x === lastInputs.current[i]);
    lastInputs.current = otherInputs;
    // Most ticks change counters but no drawn width or colour: nothing to redraw then.
    if (
      othersSame &&
      drawnEdges.current !== undefined &&
      sameDrawing(drawnEdges.current, props.edges, props.windowSeconds, props.labels)
    )
      return;
    drawnEdges.current = props.edges;
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const width = Math.round(size.width * size.ratio);
      const height = Math.round(size.height * size.ratio);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const count = drawEdges(ctx, {
        ...latest.current,
        width: size.width,
        height: size.height,
        pixelRatio: size.ratio,
        palette: readPalette(canvas),
      });
      setDrawn(count);
    });
    // The same inputs as above, in a fixed order and count, so React compares them one by one.
  }, [props.edges, ...otherInputs]);

  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  return (
    <canvas
      key={generation}
      ref={canvasRef}
      className="map-edge-canvas"
      data-testid="map-edge-canvas"
      data-edges={offscreen ? (props.workerDrawn ?? 0) : drawn}
      role="img"
      aria-label="Edges of the service map"
      style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}
    />
  );
}
