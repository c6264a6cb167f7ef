// The "stock" Hubble client the benchmarks compare against: @grpc/proto-loader with the usual
// options (proto field names, enum names and 64-bit ints as strings, oneofs), decoded to plain
// objects by grpc-js — what a straightforward Node client of Relay looks like.
import path from 'node:path';
import { type Client, credentials, loadPackageDefinition } from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ROOT } from './bench-support';

export interface StockObserverClient {
  GetFlows(request: unknown): NodeJS.EventEmitter;
}

/** observer.proto loaded as the stock client loads it. */
export function stockPackageDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync('observer/observer.proto', {
    includeDirs: [path.join(ROOT, 'proto/api/v1')],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
}

export function stockObserverClient(address: string): StockObserverClient {
  const pkg = loadPackageDefinition(stockPackageDefinition()) as unknown as {
    observer: {
      Observer: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => Client;
    };
  };
  return new pkg.observer.Observer(address, credentials.createInsecure()) as unknown as StockObserverClient;
}
