'use client';
// The flows explorer page: URL filter state → history + live stream (or an imported file) →
// virtualized table, detail drawer, `hubble observe` command, export / import.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type RefObject, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Flow } from '../../server/domain/flow';
import {
  compileFlowQuery,
  type FilterField,
  shellQuote,
  toHubbleCommand,
} from '../../server/domain/flow-filter';
import { compareTimes } from '../../server/domain/flow-filter/time-bounds';
import { FlowDrawer } from './flow-drawer';
import { exportFileName, exportFlowLines, parseFlowLines } from './flow-export';
import { FlowFilterBar } from './flow-filter-bar';
import { FlowNotices, type OfflineFile } from './flow-notices';
import { type FlowRow, MAX_ROWS, toRows } from './flow-rows';
import { FlowToolbar } from './flow-toolbar';
import {
  addFilter,
  type ExplorerUrlState,
  explorerQuery,
  explorerUrlSearch,
  filterParams,
  readExplorerUrl,
  removeTerm,
  toggleNegate,
} from './flow-url-state';
import styles from './flows.module.css';
import { useFlowExplorer } from './use-flow-explorer';
import { VirtualFlowTable } from './virtual-flow-table';

const DEFAULT_HISTORY = 1000;
const SINCE_HISTORY = 10_000;

function suggestionsFrom(rows: readonly FlowRow[]): Partial<Record<FilterField, string[]>> {
  const namespaces = new Set<string>();
  const nodes = new Set<string>();
  for (let i = 0; i < rows.length && i < 3000; i++) {
    const flow = rows[i]?.flow;
    if (flow?.source?.namespace) namespaces.add(flow.source.namespace);
    if (flow?.destination?.namespace) namespaces.add(flow.destination.namespace);
    if (flow?.node_name) nodes.add(flow.node_name);
  }
  const ns = [...namespaces].sort();
  return { namespace: ns, 'from-namespace': ns, 'to-namespace': ns, 'node-name': [...nodes].sort() };
}

/** Height that makes the element end at the bottom of the window, whatever sits above it. */
function useFillViewport(ref: RefObject<HTMLElement | null>): number | undefined {
  const [height, setHeight] = useState<number | undefined>();
  // Every render: notices, the command box or a wrapped filter bar move the table's top.
  useLayoutEffect(() => {
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const next = Math.max(
        360,
        Math.floor(window.innerHeight - el.getBoundingClientRect().top - window.scrollY - 16),
      );
      setHeight((prev) => (prev !== undefined && Math.abs(prev - next) < 2 ? prev : next));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  return height;
}

export function FlowExplorer() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const paramText = params.toString();
  const state = useMemo(() => readExplorerUrl(new URLSearchParams(paramText), Date.now()), [paramText]);
  const [offline, setOffline] = useState<OfflineFile | undefined>();
  const [selected, setSelected] = useState<FlowRow | undefined>();
  const mainRef = useRef<HTMLDivElement>(null);

  const navigate = useCallback(
    (next: ExplorerUrlState) => {
      router.replace(`${pathname}${explorerUrlSearch(next, new URLSearchParams(paramText))}`, {
        scroll: false,
      });
    },
    [router, pathname, paramText],
  );

  const live = offline === undefined && state.error === undefined;
  const historySearch = useMemo(() => {
    if (!live) return undefined;
    const p = filterParams(state);
    if (state.limit === undefined) p.set('limit', String(state.since ? SINCE_HISTORY : DEFAULT_HISTORY));
    return p.toString();
  }, [live, state]);
  const streamSearch = useMemo(
    () => (live && !state.until ? filterParams(state, { withTime: false }).toString() : undefined),
    [live, state],
  );
  const { data, setPaused, clear } = useFlowExplorer({ historySearch, streamSearch });

  const query = useMemo(() => explorerQuery(state, Date.now()), [state]);
  const offlineRows = useMemo(() => {
    if (!offline || 'error' in query) return [];
    const match = compileFlowQuery(query.query);
    return toRows(offline.result.flows.filter(match).slice(0, MAX_ROWS));
  }, [offline, query]);
  const rows = offline ? offlineRows : data.rows;
  const command = useMemo(() => {
    if ('error' in query) return undefined;
    if (!offline) return toHubbleCommand(query.query, state.until ? {} : { follow: true });
    // The same filters over the same file, as the Hubble CLI would run them.
    const text = toHubbleCommand(query.query, { follow: false });
    return text.replace(/^hubble observe/, `hubble observe --input-file ${shellQuote(offline.name)}`);
  }, [query, offline, state.until]);
  const suggestions = useMemo(() => suggestionsFrom(rows), [rows]);

  const onAdd = (field: FilterField, value: string, negate: boolean): string | undefined => {
    const r = addFilter(state.terms, field, value, negate);
    if ('error' in r) return r.error;
    navigate({ ...state, terms: r.terms });
    return undefined;
  };
  const onTime = (since: string | undefined, until: string | undefined): string | undefined => {
    const next: ExplorerUrlState = { terms: state.terms, since, until, limit: state.limit };
    const checked = explorerQuery(next, Date.now());
    if ('error' in checked) return checked.error;
    navigate(next);
    return undefined;
  };

  const onExport = () => {
    const text = exportFlowLines(rows.map((r) => r.flow));
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(new Date());
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const onImport = (file: File) => {
    file.text().then(
      (text) => {
        setSelected(undefined);
        setOffline({ name: file.name, result: parseFlowLines(text) });
      },
      (err: unknown) =>
        setOffline({
          name: file.name,
          result: { flows: [], dropped: 0, lost: [], nodeStatus: 0, errors: 1, firstError: String(err) },
        }),
    );
  };

  const bufferStart = useMemo(() => {
    const oldest = data.history.retained?.oldest;
    if ('error' in query || !query.query.since || !oldest || data.history.backfill) return undefined;
    return compareTimes(query.query.since, oldest) < 0 ? oldest : undefined;
  }, [query, data.history]);

  const selectedFlow: Flow | undefined = selected?.flow;
  const mainHeight = useFillViewport(mainRef);
  const empty = offline
    ? 'No flow in this file matches the filters.'
    : state.error
      ? 'Fix or clear the filter to see flows.'
      : data.history.state === 'loading'
        ? 'Loading flows…'
        : 'No matching flows yet. New ones appear here as they happen.';

  return (
    <div className={styles.page}>
      <div className={styles.titleRow}>
        <h1>Flows</h1>
        <span className={styles.muted}>
          Hubble flows, filtered like <code>hubble observe</code>; the address bar holds the filters.
        </span>
      </div>
      <FlowFilterBar
        terms={state.terms}
        since={state.since}
        until={state.until}
        suggestions={suggestions}
        onAdd={onAdd}
        onRemove={(i) => navigate({ ...state, terms: removeTerm(state.terms, i) })}
        onToggleNegate={(i) => navigate({ ...state, terms: toggleNegate(state.terms, i) })}
        onTime={onTime}
        onClear={() => navigate({ terms: [] })}
      />
      <FlowToolbar
        mode={offline ? 'offline' : state.until ? 'history' : 'live'}
        connection={data.connection}
        paused={data.paused}
        pending={data.pending.length}
        shown={rows.length}
        flowsPerSecond={data.stats?.flowsPerSecond}
        command={command}
        onPause={setPaused}
        onExport={onExport}
        onImport={onImport}
        onClearRows={clear}
      />
      <FlowNotices
        data={data}
        offline={offline}
        urlError={state.error}
        until={state.until}
        bufferStart={bufferStart}
        onBackToLive={() => {
          setOffline(undefined);
          setSelected(undefined);
        }}
        onClearFilters={() => navigate({ terms: [] })}
      />
      <div className={styles.main} ref={mainRef} style={{ height: mainHeight }}>
        <VirtualFlowTable
          rows={rows}
          prepended={offline ? 0 : data.prepended}
          selectedId={selected?.id}
          onSelect={setSelected}
          empty={empty}
        />
        {selectedFlow ? (
          <FlowDrawer flow={selectedFlow} onClose={() => setSelected(undefined)} onFilter={onAdd} />
        ) : null}
      </div>
    </div>
  );
}
