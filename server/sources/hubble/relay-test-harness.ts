// Test support for the Relay client: collects everything the client reports.
import type { FlowEvent } from '../../domain/flow';
import type {
  RelayClientOptions,
  RelayConnectionStatus,
  RelayNamespace,
  RelayNode,
  ServerStatus,
} from './relay-types';

export interface Collected {
  readonly batches: (readonly FlowEvent[])[];
  readonly events: FlowEvent[];
  readonly statuses: RelayConnectionStatus[];
  readonly serverStatuses: ServerStatus[];
  readonly nodes: (readonly RelayNode[])[];
  readonly namespaces: (readonly RelayNamespace[])[];
  malformed: number;
  /** uuids of flow events in delivery order. */
  flowIds(): string[];
  last(): RelayConnectionStatus | undefined;
  callbacks: Pick<
    RelayClientOptions,
    'onEvents' | 'onStatus' | 'onMalformed' | 'onServerStatus' | 'onNodes' | 'onNamespaces'
  >;
}

export function collect(): Collected {
  const c: Collected = {
    batches: [],
    events: [],
    statuses: [],
    serverStatuses: [],
    nodes: [],
    namespaces: [],
    malformed: 0,
    flowIds: () => c.events.flatMap((e) => (e.kind === 'flow' && e.flow.uuid ? [e.flow.uuid] : [])),
    last: () => c.statuses.at(-1),
    callbacks: {
      onEvents: (batch) => {
        c.batches.push(batch);
        c.events.push(...batch);
      },
      onStatus: (s) => c.statuses.push(s),
      onMalformed: (n) => {
        c.malformed += n;
      },
      onServerStatus: (s) => c.serverStatuses.push(s),
      onNodes: (n) => c.nodes.push(n),
      onNamespaces: (n) => c.namespaces.push(n),
    },
  };
  return c;
}
