// Server-side printing (meta.k8s.io/v1 Table), which is what `kubectl get` asks for first. Node and
// Pod mirror kubectl's built-in columns; other resources use their printer columns (like a CRD's
// additionalPrinterColumns) or the default Name/Age.

import { ageOf } from './age';
import { evaluateJsonPath } from './json-path';
import type { ApiResourceSpec, KubeObject, PrinterColumn } from './types';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

interface Printer {
  columns: ColumnDefinition[];
  cells(object: KubeObject, now: Date): unknown[];
}

const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};

function column(name: string, type: string, priority = 0, description = ''): ColumnDefinition {
  return { name, type, format: '', description, priority };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown, fallback = '<none>'): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function nodeStatus(node: KubeObject): string {
  const conditions = array(record(node.status).conditions).map(record);
  const ready = conditions.find((condition) => condition.type === 'Ready');
  let status = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  if (record(node.spec).unschedulable === true) status += ',SchedulingDisabled';
  return status;
}

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) roles.add(key.slice('node-role.kubernetes.io/'.length));
    else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function nodeAddress(node: KubeObject, type: string): string {
  const found = array(record(node.status).addresses)
    .map(record)
    .find((address) => address.type === type);
  return text(found?.address);
}

const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 0, 'The status of the node'),
    column('Roles', 'string', 0, 'The roles of the node'),
    column('Age', 'string', 0, 'CreationTimestamp'),
    column('Version', 'string', 0, 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 1),
    column('External-IP', 'string', 1),
    column('OS-Image', 'string', 1),
    column('Kernel-Version', 'string', 1),
    column('Container-Runtime', 'string', 1),
  ],
  cells(node, now) {
    const info = record(record(node.status).nodeInfo);
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      ageOf(node.metadata?.creationTimestamp, now),
      text(info.kubeletVersion, ''),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      text(info.osImage, '<unknown>'),
      text(info.kernelVersion, '<unknown>'),
      text(info.containerRuntimeVersion, '<unknown>'),
    ];
  },
};

function podStatusReason(pod: KubeObject): string {
  const status = record(pod.status);
  let reason = text(status.reason, text(status.phase, 'Unknown'));
  for (const container of array(status.containerStatuses).map(record)) {
    const state = record(container.state);
    const waiting = record(state.waiting);
    const terminated = record(state.terminated);
    if (typeof waiting.reason === 'string' && waiting.reason !== '') reason = waiting.reason;
    else if (typeof terminated.reason === 'string' && terminated.reason !== '') reason = terminated.reason;
  }
  if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  return reason;
}

const podPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 0, 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 0, 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 0, 'The number of times the containers in this pod have been restarted.'),
    column('Age', 'string', 0, 'CreationTimestamp'),
    column('IP', 'string', 1, 'IP address allocated to the pod.'),
    column('Node', 'string', 1, 'Name of the node assigned to the pod.'),
    column('Nominated Node', 'string', 1),
    column('Readiness Gates', 'string', 1),
  ],
  cells(pod, now) {
    const status = record(pod.status);
    const containers = array(record(pod.spec).containers);
    const statuses = array(status.containerStatuses).map(record);
    const ready = statuses.filter((container) => container.ready === true).length;
    const restarts = statuses.reduce(
      (sum, container) => sum + (typeof container.restartCount === 'number' ? container.restartCount : 0),
      0,
    );
    return [
      pod.metadata?.name ?? '',
      `${ready}/${containers.length || statuses.length}`,
      podStatusReason(pod),
      String(restarts),
      ageOf(pod.metadata?.creationTimestamp, now),
      text(status.podIP),
      text(record(pod.spec).nodeName),
      text(status.nominatedNodeName),
      '<none>',
    ];
  },
};

function columnsPrinter(printerColumns: readonly PrinterColumn[]): Printer {
  return {
    columns: [
      NAME_COLUMN,
      ...printerColumns.map((pc) =>
        column(pc.name, pc.type === 'date' ? 'date' : pc.type, pc.priority ?? 0, pc.description ?? ''),
      ),
    ],
    cells(object, now) {
      return [
        object.metadata?.name ?? '',
        ...printerColumns.map((pc) => {
          const value = evaluateJsonPath(object, pc.jsonPath)[0];
          if (value === undefined || value === null) return null;
          if (pc.type === 'date') return ageOf(value, now);
          if (pc.type === 'integer' || pc.type === 'number')
            return typeof value === 'number' ? value : Number(value);
          if (pc.type === 'boolean') return value === true || value === 'true';
          return typeof value === 'object' ? JSON.stringify(value) : String(value);
        }),
      ];
    },
  };
}

const AGE_ONLY: readonly PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'CreationTimestamp' },
];

function printerFor(spec: ApiResourceSpec): Printer {
  if (spec.group === '' && spec.kind === 'Node') return nodePrinter;
  if (spec.group === '' && spec.kind === 'Pod') return podPrinter;
  return columnsPrinter(spec.printerColumns?.length ? spec.printerColumns : AGE_ONLY);
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata ?? {} };
}

export function toTable(
  spec: ApiResourceSpec,
  objects: readonly KubeObject[],
  listMetadata: Record<string, string>,
  include: IncludeObject,
  now: Date,
): Record<string, unknown> {
  const printer = printerFor(spec);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata,
    columnDefinitions: printer.columns,
    rows: objects.map((object) => {
      const row: Record<string, unknown> = { cells: printer.cells(object, now) };
      const embedded = rowObject(object, include);
      if (embedded !== undefined) row.object = embedded;
      return row;
    }),
  };
}

/** True when the client asked for server-side printing (kubectl's first Accept choice). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept
    .split(',')
    .some((part) => /(^|;)\s*as=Table\b/.test(part) && /(^|;)\s*g=meta\.k8s\.io\b/.test(part));
}

export function parseIncludeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}
