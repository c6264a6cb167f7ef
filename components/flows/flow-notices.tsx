'use client';
// Everything the explorer must say out loud rather than silently: lost events, back-fill results,
// flows the server did not stream, the row cap, an offline file, a bad URL filter.
import { useState } from 'react';
import type { LostWire } from '../live/wire-types';
import type { ImportResult } from './flow-export';
import styles from './flows.module.css';
import type { ExplorerData } from './use-flow-explorer';

export interface OfflineFile {
  readonly name: string;
  readonly result: ImportResult;
}

export interface FlowNoticesProps {
  readonly data: ExplorerData;
  readonly offline?: OfflineFile;
  readonly urlError?: string;
  readonly until?: string;
  /** Set when `since` is older than the oldest flow Skymap holds and Relay could not back-fill. */
  readonly bufferStart?: string;
  readonly onBackToLive: () => void;
  readonly onClearFilters: () => void;
}

const fmt = (n: number) => n.toLocaleString();

function lostText(lost: readonly { node: string; source: string; count: number }[]): string {
  return lost.map((l) => `${fmt(l.count)} on ${l.node} (${l.source})`).join(', ');
}

export function FlowNotices(props: FlowNoticesProps) {
  const { data, offline } = props;
  const lost: LostWire[] = offline ? [] : (data.stats?.lost ?? []);
  const lostTotal = lost.reduce((s, l) => s + l.count, 0);
  const [dismissedLost, setDismissedLost] = useState(0);
  const backfill = offline ? undefined : data.history.backfill;
  const oldest = data.history.retained?.oldest;

  return (
    <div className={styles.notices}>
      {props.urlError ? (
        <div className={`${styles.notice} ${styles.noticeCrit}`} role="alert" data-testid="url-error">
          The filter in this address is not valid: {props.urlError}.{' '}
          <button type="button" className={styles.linkButton} onClick={props.onClearFilters}>
            Clear filters
          </button>
        </div>
      ) : null}
      {offline ? (
        <div className={`${styles.notice} ${styles.noticeOffline}`} data-testid="offline-banner">
          <strong>Offline file:</strong> <span className={styles.mono}>{offline.name}</span> —{' '}
          {fmt(offline.result.flows.length)} flows
          {offline.result.dropped > 0 ? ` (the oldest ${fmt(offline.result.dropped)} were not loaded)` : ''}
          {offline.result.errors > 0
            ? `; ${fmt(offline.result.errors)} ${offline.result.errors === 1 ? 'line' : 'lines'} skipped (${offline.result.firstError ?? ''})`
            : ''}
          {offline.result.lost.length > 0
            ? `; the file records lost events: ${lostText(offline.result.lost)}`
            : ''}
          . Filters apply to the file; nothing live is shown.{' '}
          <button type="button" className={styles.linkButton} onClick={props.onBackToLive}>
            Back to live flows
          </button>
        </div>
      ) : null}
      {lostTotal > dismissedLost ? (
        <div className={`${styles.notice} ${styles.noticeWarn}`} role="status" data-testid="lost-notice">
          <strong>Hubble lost events:</strong> {lostText(lost)}. Flows in those periods are missing here and
          from rates.{' '}
          <button type="button" className={styles.linkButton} onClick={() => setDismissedLost(lostTotal)}>
            Dismiss until more are lost
          </button>
        </div>
      ) : null}
      {backfill ? (
        <div
          className={`${styles.notice} ${backfill.error ? styles.noticeWarn : styles.noticeInfo}`}
          data-testid="backfill-notice"
        >
          {backfill.error
            ? `Hubble Relay back-fill failed (${backfill.error}); showing only what Skymap holds${oldest ? ` (since ${oldest})` : ''}.`
            : `Added ${fmt(backfill.flows)} older flows from Hubble Relay's buffers.`}
          {backfill.discarded > 0
            ? ` Relay returned more; only the newest were kept (raise "limit" to see more).`
            : ''}
          {backfill.lost.length > 0
            ? ` Relay reported lost events in that range: ${lostText(backfill.lost)}.`
            : ''}
        </div>
      ) : null}
      {!offline && props.bufferStart && !backfill ? (
        <div className={`${styles.notice} ${styles.noticeInfo}`}>
          "since" reaches further back than Skymap's buffer (oldest flow {props.bufferStart}) and no Hubble
          Relay is connected to fill the gap.
        </div>
      ) : null}
      {data.history.state === 'error' ? (
        <div className={`${styles.notice} ${styles.noticeWarn}`} role="alert">
          History could not be loaded ({data.history.error}); showing live flows only.
        </div>
      ) : null}
      {!offline && props.until ? (
        <div className={`${styles.notice} ${styles.noticeInfo}`}>
          Showing history up to {props.until}; live updates are off while "until" is set.
        </div>
      ) : null}
      {!offline && data.skipped + data.overrun > 0 ? (
        <div className={`${styles.notice} ${styles.noticeWarn}`} data-testid="skipped-notice">
          {fmt(data.skipped + data.overrun)} matching flows were not streamed to this page (more per second
          than it takes). Narrow the filters to see every flow.
        </div>
      ) : null}
      {data.evicted > 0 ? (
        <div className={`${styles.notice} ${styles.noticeInfo}`}>
          This page keeps the newest 100,000 flows; {fmt(data.evicted)} older ones were dropped from the view.
        </div>
      ) : null}
    </div>
  );
}
