// Everything an object renderer needs for one `objectsAt(now)` call.

import { isoSeconds } from './clock';
import type { ClusterModel, NodeModel, PodSet } from './cluster-model';
import type { ScaleModel } from './scale';
import type { KubeObject, ObjectMeta, OwnerReference, ScenarioPhase } from './types';

export interface RenderContext {
  readonly model: ClusterModel;
  readonly phase: ScenarioPhase;
  readonly pods: PodSet;
  readonly nowMs: number;
  readonly scale?: ScaleModel;
  /** Nodes of this render: the base nodes plus scale nodes. */
  readonly nodes: readonly NodeModel[];
}

export function created(ctx: RenderContext, daysAfterEpoch: number): string {
  return isoSeconds(ctx.model.epochMs + daysAfterEpoch * 86_400_000);
}

export function ownerRef(o: { apiVersion: string; kind: string; name: string; uid: string }): OwnerReference {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.name,
    uid: o.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Metadata without empty maps, in the key order `kubectl get -o json` shows. */
export function meta(m: {
  name: string;
  namespace?: string;
  uid: string;
  creationTimestamp: string;
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
  ownerReferences?: readonly OwnerReference[];
  generation?: number;
  finalizers?: readonly string[];
}): ObjectMeta {
  const out: Record<string, unknown> = { name: m.name };
  if (m.namespace !== undefined) out.namespace = m.namespace;
  out.uid = m.uid;
  if (m.generation !== undefined) out.generation = m.generation;
  out.creationTimestamp = m.creationTimestamp;
  if (m.labels && Object.keys(m.labels).length > 0) out.labels = m.labels;
  if (m.annotations && Object.keys(m.annotations).length > 0) out.annotations = m.annotations;
  if (m.ownerReferences && m.ownerReferences.length > 0) out.ownerReferences = m.ownerReferences;
  if (m.finalizers && m.finalizers.length > 0) out.finalizers = m.finalizers;
  return out as unknown as ObjectMeta;
}

export function obj(
  apiVersion: string,
  kind: string,
  metadata: ObjectMeta,
  body: Record<string, unknown>,
): KubeObject {
  return { apiVersion, kind, metadata, ...body };
}
