'use client';
import { useEffect, useState } from 'react';
import styles from './drops.module.css';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text` with the Clipboard API; says "Copied", or how to copy by hand when it is refused. */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), state === 'copied' ? 2500 : 6000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={copy} data-testid={testId}>
        {label}
      </button>
      <span aria-live="polite">
        {state === 'copied' ? <span className={styles.copied}>Copied</span> : null}
        {state === 'failed' ? (
          <span className={styles.copyFailed}>
            The browser refused the clipboard: select the text and copy it.
          </span>
        ) : null}
      </span>
    </>
  );
}
