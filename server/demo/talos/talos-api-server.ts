// A small Talos API (apid) for tests and local runs: grpc-js over mutual TLS, answering
// machine.MachineService Version and ServiceList for the node named in the `node` metadata, the way
// apid proxies a single-node request. Unknown nodes get UNAVAILABLE like an unreachable node.
import {
  type handleUnaryCall,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  status,
} from '@grpc/grpc-js';
import {
  encodeServiceListResponse,
  encodeVersionResponse,
  type TalosServiceInfo,
  type TalosVersionMessage,
} from '../../sources/talos/talos-codec';

export interface TalosDemoNode {
  readonly version: TalosVersionMessage['version'];
  readonly platform?: TalosVersionMessage['platform'];
  readonly services: readonly TalosServiceInfo[];
}

export interface TalosApiServerOptions {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Keyed by node address as sent in the `node` metadata. */
  readonly nodes: Readonly<Record<string, TalosDemoNode>>;
  /** Answers requests without `node` metadata (apid answering for itself). */
  readonly self?: string;
  readonly host?: string;
  readonly port?: number;
}

export interface TalosApiServer {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

const raw = {
  requestSerialize: (b: Buffer) => b,
  requestDeserialize: (b: Buffer) => b,
  responseSerialize: (b: Buffer) => b,
  responseDeserialize: (b: Buffer) => b,
};

export async function createTalosApiServer(options: TalosApiServerOptions): Promise<TalosApiServer> {
  const lookup = (md: { get(key: string): unknown[] }): TalosDemoNode | string => {
    const node = String(md.get('node')[0] ?? options.self ?? '');
    return options.nodes[node] ?? node;
  };
  const version: handleUnaryCall<Buffer, Buffer> = (call, cb) => {
    const node = lookup(call.metadata);
    if (typeof node === 'string')
      return cb({ code: status.UNAVAILABLE, details: `node ${node} is unreachable` });
    const bytes = encodeVersionResponse({
      messages: [{ version: node.version, platform: node.platform, features: { rbac: true } }],
    });
    cb(null, Buffer.from(bytes));
  };
  const serviceList: handleUnaryCall<Buffer, Buffer> = (call, cb) => {
    const node = lookup(call.metadata);
    if (typeof node === 'string')
      return cb({ code: status.UNAVAILABLE, details: `node ${node} is unreachable` });
    cb(null, Buffer.from(encodeServiceListResponse({ messages: [{ services: node.services }] })));
  };
  const definition: ServiceDefinition = {
    Version: { path: '/machine.MachineService/Version', requestStream: false, responseStream: false, ...raw },
    ServiceList: {
      path: '/machine.MachineService/ServiceList',
      requestStream: false,
      responseStream: false,
      ...raw,
    },
  };
  const server = new Server();
  server.addService(definition, { Version: version, ServiceList: serviceList });
  const host = options.host ?? '127.0.0.1';
  const creds = ServerCredentials.createSsl(
    options.ca,
    [{ private_key: options.key, cert_chain: options.cert }],
    true,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port ?? 0}`, creds, (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
