'use client';
// The drops page: window and filters (in the URL) → /api/drops every 2 s → table of groups and the
// selected group's explanation, policies and suggested allow rule.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef } from 'react';
import { DropDetail } from './drop-detail';
import styles from './drops.module.css';
import { DROP_WINDOWS, type DropGroupWire, matchesSearch, windowLabel } from './drops-format';
import { DropsSummary } from './drops-summary';
import { DropsTable } from './drops-table';
import { type DropsUrlState, dropsUrlSearch, parseDropsUrlState } from './drops-url-state';
import { LostNotice } from './lost-notice';
import { useDrops } from './use-drops';

export function DropsView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseDropsUrlState(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<DropsUrlState>) => {
      const next = { ...state, ...patch };
      router.replace(`${pathname}${dropsUrlSearch(next, new URLSearchParams(params.toString()))}`, {
        scroll: false,
      });
    },
    [state, router, pathname, params],
  );
  const { data, error, isFetching } = useDrops(state.window, state.group, state.paused);
  const groups = data?.groups ?? [];
  const byKey = useMemo(() => new Map(groups.map((g) => [g.key, g])), [groups]);
  const shown = useMemo(
    () =>
      groups.filter(
        (g: DropGroupWire) =>
          matchesSearch(g, state.search) && (!state.policyOnly || g.reasonClass !== 'other'),
      ),
    [groups, state.search, state.policyOnly],
  );
  const selected = state.group === undefined ? undefined : byKey.get(state.group);
  const detailRef = useRef<HTMLElement>(null);
  const select = (key: string) => {
    update({ group: key });
    // Below the breakpoint the explanation sits under the table: bring it into view.
    if (window.matchMedia('(max-width: 1250px)').matches) {
      requestAnimationFrame(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    }
  };

  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <h1>Drops</h1>
        <span className="muted">
          Every dropped flow Hubble reports, grouped by source, destination, port and drop reason.
        </span>
      </div>
      <div className={styles.toolbar}>
        <label>
          <span className="muted">Window</span>
          <select
            value={state.window}
            onChange={(e) => update({ window: e.target.value as DropsUrlState['window'] })}
            aria-label="Time window"
            data-testid="drops-window"
          >
            {DROP_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {windowLabel(w)}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          className={styles.search}
          placeholder="Filter: workload, reason, port, node"
          value={state.search}
          onChange={(e) => update({ search: e.target.value })}
          aria-label="Filter groups"
          data-testid="drops-search"
        />
        <label>
          <input
            type="checkbox"
            checked={state.policyOnly}
            onChange={(e) => update({ policyOnly: e.target.checked })}
          />
          Policy drops only
        </label>
        <div className={styles.live}>
          <span data-testid="drops-state">
            {error ? (
              'error'
            ) : state.paused ? (
              'paused'
            ) : data ? (
              <span className="live-dot">live</span>
            ) : (
              'loading…'
            )}
          </span>
          {isFetching && !state.paused ? <span aria-hidden="true">↻</span> : null}
          <button type="button" onClick={() => update({ paused: !state.paused })}>
            {state.paused ? 'Resume' : 'Pause'}
          </button>
        </div>
      </div>
      {error ? (
        <div className={styles.error} role="alert">
          Could not load drops: {error.message}
        </div>
      ) : null}
      {data ? <LostNotice lost={data.lost} now={data.now} /> : null}
      {data?.namespaceMode ? (
        <div className={styles.notice} role="note" data-testid="drops-namespace-mode">
          Namespace-scoped mode ({data.namespaceMode.namespaces.join(', ')}): CiliumClusterwideNetworkPolicies
          are not available in namespace-scoped mode, so drops they cause are not explained down to the rule.
        </div>
      ) : null}
      {data ? <DropsSummary data={data} window={state.window} /> : null}
      <div className={styles.main}>
        <section className={`panel ${styles.tablePanel}`} aria-label="Drop groups">
          {!data ? (
            <div className={styles.empty}>Loading drops…</div>
          ) : shown.length === 0 ? (
            <div className={styles.empty} data-testid="drops-empty">
              {groups.length === 0 ? (
                `No dropped flows in the ${windowLabel(state.window)}.`
              ) : (
                <>
                  No group matches the filter.{' '}
                  <button type="button" onClick={() => update({ search: '', policyOnly: false })}>
                    Clear filter
                  </button>
                </>
              )}
            </div>
          ) : (
            <DropsTable groups={shown} now={data.now} selected={state.group} onSelect={select} />
          )}
        </section>
        <aside className={styles.detail} aria-label="Drop explanation" ref={detailRef}>
          {selected && data ? (
            <DropDetail
              group={selected}
              now={data.now}
              window={state.window}
              byKey={byKey}
              onSelect={select}
              onClose={() => update({ group: undefined })}
            />
          ) : (
            <div className={styles.placeholder}>
              {state.group !== undefined && data ? (
                <p data-testid="drop-gone">
                  The selected group has no drops in the {windowLabel(state.window)}. Pick a longer window or
                  another group.
                </p>
              ) : null}
              <p>
                Select a group to see why its flows were dropped: the policy responsible, what it allows, and
                for default-deny drops the smallest CiliumNetworkPolicy that would admit the traffic.
              </p>
              <p className="muted">
                POLICY_DENY (181) is an explicit deny rule; POLICY_DENIED (133) means the endpoint is in
                default deny and no rule allows the flow. Other reasons are not policy decisions.
              </p>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}
