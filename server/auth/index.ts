// What the rest of Skymap uses from server/auth: the identity of a request and the scope filters.
export { type AuthMethod, type Identity, requestIdentity } from './identity';
export {
  flowInScope,
  namespaceAllowed,
  namespaceOfNodeId,
  scopeCertificates,
  scopeDropGroups,
  scopeFlows,
  scopeMapView,
  scopeVolumes,
} from './scope-filters';
export type { NamespaceScope } from './scopes';
