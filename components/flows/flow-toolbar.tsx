'use client';
// Live / pause, counts, and the actions on what is shown: copy as `hubble observe`, export, import.
import { type ChangeEvent, useRef, useState } from 'react';
import styles from './flows.module.css';

export interface FlowToolbarProps {
  readonly mode: 'live' | 'history' | 'offline';
  readonly connection: 'connecting' | 'open' | 'error' | 'off';
  readonly paused: boolean;
  readonly pending: number;
  readonly shown: number;
  readonly flowsPerSecond?: number;
  readonly command?: string;
  readonly onPause: (paused: boolean) => void;
  readonly onExport: () => void;
  readonly onImport: (file: File) => void;
  readonly onClearRows: () => void;
}

const CONNECTION_TEXT = {
  open: 'Live',
  connecting: 'Connecting…',
  error: 'Reconnecting…',
  off: 'Off',
} as const;
const DOT_CLASS = {
  open: styles.dotLive,
  connecting: styles.dotWarn,
  error: styles.dotCrit,
  off: undefined,
} as const;

export function FlowToolbar(props: FlowToolbarProps) {
  const [commandShown, setCommandShown] = useState(false);
  const [copyState, setCopyState] = useState<'copied' | 'failed' | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);

  const copyCommand = async () => {
    setCommandShown(true);
    if (!props.command) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(props.command);
      setCopyState('copied');
    } catch {
      // Clipboard needs a secure context and permission; the box below is the fallback.
      setCopyState('failed');
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) props.onImport(file);
    event.target.value = '';
  };

  const status =
    props.mode === 'offline'
      ? 'Offline file'
      : props.mode === 'history'
        ? 'History only'
        : props.paused
          ? 'Paused'
          : CONNECTION_TEXT[props.connection];
  const dotClass =
    props.mode !== 'live' ? styles.dotBlue : props.paused ? styles.dotWarn : DOT_CLASS[props.connection];

  return (
    <div className={styles.toolbarWrap}>
      <div className={styles.toolbar}>
        {props.mode === 'live' ? (
          <button
            type="button"
            className={props.paused ? styles.primaryButton : undefined}
            onClick={() => props.onPause(!props.paused)}
            data-testid="pause-button"
          >
            {props.paused
              ? `Resume${props.pending > 0 ? ` (${props.pending.toLocaleString()} new)` : ''}`
              : 'Pause'}
          </button>
        ) : null}
        <span className={styles.status} data-testid="explorer-state">
          <span className={`${styles.dot} ${dotClass ?? ''}`} aria-hidden="true" />
          {status}
        </span>
        {props.paused && props.pending > 0 ? (
          <span className={styles.newBadge} data-testid="pending-count">
            {props.pending.toLocaleString()} new
          </span>
        ) : null}
        <span className={styles.muted} data-testid="row-count">
          {props.shown.toLocaleString()} flows shown
          {props.mode === 'live' && props.flowsPerSecond !== undefined
            ? ` · ${props.flowsPerSecond.toFixed(props.flowsPerSecond >= 100 ? 0 : 1)} flows/s in the cluster`
            : ''}
        </span>
        <span className={styles.grow} />
        <button type="button" onClick={copyCommand} disabled={!props.command} data-testid="copy-command">
          Copy as hubble observe
        </button>
        <button
          type="button"
          onClick={props.onExport}
          disabled={props.shown === 0}
          data-testid="export-button"
        >
          Export
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.jsonl,.txt,application/json"
          className={styles.hiddenInput}
          onChange={onFile}
          data-testid="import-input"
          aria-label="Import a hubble observe -o jsonpb file"
        />
        {props.mode !== 'offline' ? (
          <button type="button" onClick={props.onClearRows} title="Empty the table; new flows keep arriving">
            Clear rows
          </button>
        ) : null}
      </div>
      {commandShown && props.command ? (
        <div className={styles.commandBox}>
          <textarea
            readOnly
            value={props.command}
            aria-label="hubble observe command"
            data-testid="command-text"
            rows={Math.min(4, 1 + Math.floor(props.command.length / 140))}
            onFocus={(e) => e.currentTarget.select()}
          />
          <span className={styles.muted}>
            {copyState === 'copied'
              ? 'Copied to the clipboard.'
              : copyState === 'failed'
                ? 'Clipboard unavailable: select and copy the text.'
                : ''}
          </span>
          <button type="button" className={styles.linkButton} onClick={() => setCommandShown(false)}>
            Hide
          </button>
        </div>
      ) : null}
    </div>
  );
}
