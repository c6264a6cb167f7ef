// Kubernetes `Status` objects: clients (kubectl, client-go, client-node) parse `reason`/`code` from the
// body, so every error the server returns must have this shape rather than plain text.

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export function failureStatus(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
): KubeStatus {
  const status: KubeStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) status.details = details;
  return status;
}

export function notFoundPath(): KubeStatus {
  return failureStatus(404, 'NotFound', 'the server could not find the requested resource');
}

export function notFoundObject(plural: string, group: string, name: string): KubeStatus {
  const qualified = group === '' ? plural : `${plural}.${group}`;
  return failureStatus(404, 'NotFound', `${qualified} "${name}" not found`, { name, group, kind: plural });
}

export function methodNotAllowed(method: string): KubeStatus {
  return failureStatus(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${method}): the Skymap demo cluster is read-only`,
  );
}

export function badRequest(message: string): KubeStatus {
  return failureStatus(400, 'BadRequest', message);
}

export function expired(message: string): KubeStatus {
  return failureStatus(410, 'Expired', message);
}
