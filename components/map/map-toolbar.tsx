'use client';
import { memo, useState } from 'react';
import { type MapWindow, WINDOWS } from './map-types';
import type { MapUrlState } from './map-url-state';

interface Props {
  state: MapUrlState;
  knownNamespaces: readonly string[];
  connection: string;
  folded: boolean;
  onChange(patch: Partial<MapUrlState>): void;
  onRelayout(): void;
}

export const MapToolbar = memo(function MapToolbar({
  state,
  knownNamespaces,
  connection,
  folded,
  onChange,
  onRelayout,
}: Props) {
  const [open, setOpen] = useState(false);
  const all = [...new Set([...knownNamespaces, ...state.namespaces])].sort();
  const toggleNamespace = (ns: string) =>
    onChange({
      namespaces: state.namespaces.includes(ns)
        ? state.namespaces.filter((n) => n !== ns)
        : [...state.namespaces, ns],
    });
  return (
    <div className="map-toolbar row" data-testid="map-toolbar">
      <label className="row" style={{ gap: 6 }}>
        <span className="muted">Window</span>
        <select
          value={state.window}
          onChange={(e) => onChange({ window: e.target.value as MapWindow })}
          aria-label="Time window"
          data-testid="window-select"
        >
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w === 'all' ? 'since start' : `last ${w}`}
            </option>
          ))}
        </select>
      </label>
      <div className="ns-picker">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          data-testid="namespace-picker"
        >
          {state.namespaces.length === 0 ? 'All namespaces' : `${state.namespaces.length} namespace(s)`} ▾
        </button>
        {open ? (
          <div className="ns-menu" role="menu">
            <button type="button" onClick={() => onChange({ namespaces: [] })}>
              All namespaces
            </button>
            {all.map((ns) => (
              <label key={ns} className="row" style={{ gap: 6 }}>
                <input
                  type="checkbox"
                  checked={state.namespaces.includes(ns)}
                  onChange={() => toggleNamespace(ns)}
                />
                {ns}
              </label>
            ))}
          </div>
        ) : null}
      </div>
      <input
        type="search"
        placeholder="Search services…"
        value={state.search}
        onChange={(e) => onChange({ search: e.target.value })}
        aria-label="Search services"
        data-testid="map-search"
      />
      <label className="row" style={{ gap: 6 }}>
        <input
          type="checkbox"
          checked={state.hideNoise}
          onChange={(e) => onChange({ hideNoise: e.target.checked })}
        />
        Hide host, kube-dns, remote-node, health
      </label>
      <div className="grow" />
      {folded ? <span className="muted">Large map: namespaces folded — click one to expand</span> : null}
      {state.expanded.length ? (
        <button type="button" onClick={() => onChange({ expanded: [] })}>
          Fold all
        </button>
      ) : null}
      <button type="button" onClick={onRelayout}>
        Re-layout
      </button>
      <button type="button" onClick={() => onChange({ paused: !state.paused })} data-testid="pause-toggle">
        {state.paused ? 'Resume' : 'Pause'}
      </button>
      <span
        className={`muted ${state.paused ? '' : connection === 'open' ? 'live-dot' : ''}`}
        data-testid="map-state"
      >
        {state.paused ? 'paused' : connection === 'open' ? 'live' : connection}
      </span>
    </div>
  );
});
