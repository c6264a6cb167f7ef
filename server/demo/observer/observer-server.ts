// The embedded demo Hubble Relay: a real grpc-js server for observer.Observer (+ the gRPC health
// service) over an ObserverSource. Responses are pre-encoded bytes passed straight through.
import {
  status as grpcStatus,
  type handleServerStreamingCall,
  type handleUnaryCall,
  Metadata,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { FlowEvent } from '../../domain/flow';
import {
  encodeGetNamespacesResponse,
  encodeGetNodesResponse,
  encodeServerStatus,
} from '../../sources/hubble/relay-codec';
import { type ActiveStream, handleGetFlows } from './get-flows';
import { HEALTH_IMPLEMENTATION, HEALTH_SERVICE } from './health';
import type { ObserverServer, ObserverServerOptions } from './types';

export const RELAY_VERSION_HEADER = 'hubble-relay-version';
const DEFAULT_VERSION = 'v1.19.4-skymap-demo';
const DEFAULT_MAX_PENDING = 16_383;

const raw = (b: Buffer): Buffer => b;
const bytesOut = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function method(name: string, responseStream: boolean) {
  return {
    path: `/observer.Observer/${name}`,
    requestStream: false,
    responseStream,
    requestSerialize: bytesOut,
    requestDeserialize: raw,
    responseSerialize: bytesOut,
    responseDeserialize: raw,
  };
}

const OBSERVER_SERVICE: ServiceDefinition<UntypedServiceImplementation> = {
  getFlows: method('GetFlows', true),
  getAgentEvents: method('GetAgentEvents', true),
  getDebugEvents: method('GetDebugEvents', true),
  getNodes: method('GetNodes', false),
  getNamespaces: method('GetNamespaces', false),
  serverStatus: method('ServerStatus', false),
};

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function createObserverServer(options: ObserverServerOptions): Promise<ObserverServer> {
  const host = options.host ?? '127.0.0.1';
  const version = options.version ?? DEFAULT_VERSION;
  const now = options.now ?? Date.now;
  const streams = new Set<ActiveStream>();
  const metadata = (): Metadata => {
    const md = new Metadata();
    md.set(RELAY_VERSION_HEADER, version);
    return md;
  };
  const ctx = {
    source: options.source,
    filter: options.filter,
    relayNodeName: options.relayNodeName ?? 'hubble-relay',
    maxPending: options.maxPendingPerClient ?? DEFAULT_MAX_PENDING,
    now,
    metadata,
    encoded: new WeakMap<FlowEvent, Uint8Array>(),
    streams,
    onRequest: options.onRequest,
  };

  const unary =
    (encode: () => Uint8Array): handleUnaryCall<Buffer, Uint8Array> =>
    (call, callback) => {
      call.sendMetadata(metadata());
      let bytes: Uint8Array;
      try {
        bytes = encode();
      } catch (err) {
        callback({ code: grpcStatus.INTERNAL, details: `demo relay: ${errorText(err)}` });
        return;
      }
      callback(null, bytes);
    };
  const unimplemented =
    (name: string): handleServerStreamingCall<Buffer, Uint8Array> =>
    (call) => {
      // What Relay answers: these only exist on an agent's own Hubble server.
      call.emit('error', { code: grpcStatus.UNIMPLEMENTED, details: `${name} not yet implemented` });
    };

  const server = new Server();
  server.addService(OBSERVER_SERVICE, {
    getFlows: (call: Parameters<typeof handleGetFlows>[1]) => handleGetFlows(ctx, call),
    getAgentEvents: unimplemented('GetAgentEvents'),
    getDebugEvents: unimplemented('GetDebugEvents'),
    getNodes: unary(() => encodeGetNodesResponse(options.source.nodes())),
    getNamespaces: unary(() => encodeGetNamespacesResponse(options.source.namespaces())),
    serverStatus: unary(() => encodeServerStatus(options.source.serverStatus())),
  });
  server.addService(HEALTH_SERVICE, HEALTH_IMPLEMENTATION);

  const bindHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${bindHost}:${options.port ?? 0}`,
      options.credentials ?? ServerCredentials.createInsecure(),
      (err, bound) => (err ? reject(err) : resolve(bound)),
    );
  });

  let closed = false;
  return {
    address: `${bindHost}:${port}`,
    port,
    cutStreams(): number {
      const open = [...streams];
      for (const s of open) s.cut();
      return open.length;
    },
    activeStreams: () => streams.size,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const s of [...streams]) s.cut();
      server.forceShutdown();
    },
  };
}
