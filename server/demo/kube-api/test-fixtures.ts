// Objects and helpers shared by this folder's tests (not part of the server).

import { get, type IncomingHttpHeaders } from 'node:http';
import type { KubeObject } from './types';

export function node(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.33.1' } },
    ...extra,
  };
}

export function pod(namespace: string, name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { nodeName: 'n1', containers: [{ name: 'main', image: 'nginx' }] },
    status: {
      phase: 'Running',
      podIP: '10.0.1.5',
      containerStatuses: [{ name: 'main', ready: true, restartCount: 0 }],
    },
  };
}

export function certificate(namespace: string, name: string, ready: 'True' | 'False'): KubeObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace },
    spec: { secretName: `${name}-tls`, issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    status: {
      conditions: [{ type: 'Ready', status: ready, reason: ready === 'True' ? 'Ready' : 'Expired' }],
    },
  };
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export function getJson(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // leave as text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    }).on('error', reject);
  });
}

export interface WatchEvent {
  type: string;
  object: Record<string, unknown> & { metadata?: Record<string, unknown> };
}

export interface RawWatch {
  status: number;
  headers: IncomingHttpHeaders;
  events: WatchEvent[];
  ended: Promise<'end' | 'error'>;
  waitForEvents(count: number, timeoutMs?: number): Promise<WatchEvent[]>;
  close(): void;
}

/** A watch over a raw socket, so the tests see exactly what the server sends and when. */
export function openWatch(url: string): Promise<RawWatch> {
  return new Promise((resolve, reject) => {
    const request = get(url, (res) => {
      const events: WatchEvent[] = [];
      let buffer = '';
      const waiters: Array<() => void> = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.trim() !== '') events.push(JSON.parse(line) as WatchEvent);
          newline = buffer.indexOf('\n');
        }
        for (const wake of waiters.splice(0)) wake();
      });
      const ended = new Promise<'end' | 'error'>((done) => {
        res.on('end', () => done('end'));
        res.on('error', () => done('error'));
        res.on('close', () => done('end'));
      });
      const watch: RawWatch = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        ended,
        waitForEvents: (count, timeoutMs = 5000) =>
          new Promise((done, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`got ${events.length} of ${count} events: ${JSON.stringify(events)}`)),
              timeoutMs,
            );
            const check = () => {
              if (events.length >= count) {
                clearTimeout(timer);
                done(events.slice(0, count));
              } else {
                waiters.push(check);
              }
            };
            check();
          }),
        close: () => request.destroy(),
      };
      resolve(watch);
    });
    request.on('error', reject);
  });
}
