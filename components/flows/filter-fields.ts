// The filter picker's catalogue: every `hubble observe` filter the explorer offers, grouped, with
// an example of what to type and the fixed values an enum field accepts.
import type { FilterField } from '../../server/domain/flow-filter';
import { DROP_REASONS, EVENT_TYPES, PROTOCOLS, VERDICTS } from '../../server/domain/flow-filter/enums';

export interface FieldSpec {
  readonly field: FilterField;
  readonly example: string;
  readonly choices?: readonly string[];
}

export interface FieldGroup {
  readonly label: string;
  readonly fields: readonly FieldSpec[];
}

const ENDPOINT: readonly [base: string, example: string][] = [
  ['namespace', 'kube-system'],
  ['pod', 'shop/checkout- (namespace/name prefix)'],
  ['label', 'k8s:app=web (label selector)'],
  ['fqdn', '*.example.com'],
  ['ip', '10.0.0.0/8 or 10.0.1.5'],
  ['port', '443'],
  ['identity', 'world or 12345'],
  ['workload', 'Deployment/web'],
  ['service', 'shop/cart'],
];

function endpointFields(prefix: '' | 'from-' | 'to-'): FieldSpec[] {
  return ENDPOINT.map(([base, example]) => ({ field: `${prefix}${base}` as FilterField, example }));
}

export const FIELD_GROUPS: readonly FieldGroup[] = [
  {
    label: 'Flow',
    fields: [
      { field: 'verdict', example: 'DROPPED', choices: VERDICTS },
      { field: 'drop-reason', example: 'POLICY_DENIED', choices: [...DROP_REASONS.keys()] },
      { field: 'protocol', example: 'tcp', choices: PROTOCOLS },
      { field: 'type', example: 'drop, l7 or trace:to-endpoint', choices: [...EVENT_TYPES.keys()] },
      { field: 'node-name', example: 'worker-* (glob)' },
      { field: 'traffic-direction', example: 'ingress', choices: ['ingress', 'egress'] },
      { field: 'reply', example: 'true', choices: ['true', 'false'] },
      { field: 'ip-version', example: 'v4', choices: ['v4', 'v6'] },
      { field: 'uuid', example: 'flow UUID' },
    ],
  },
  {
    label: 'Layer 7',
    fields: [
      { field: 'http-status', example: '503 or 5+' },
      {
        field: 'http-method',
        example: 'GET',
        choices: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
      },
      { field: 'http-path', example: '^/api/ (regex)' },
      { field: 'http-url', example: 'checkout (regex)' },
      { field: 'dns-query', example: '\\.svc\\.cluster\\.local\\.$ (regex)' },
    ],
  },
  { label: 'Either side', fields: endpointFields('') },
  { label: 'Source (from)', fields: endpointFields('from-') },
  { label: 'Destination (to)', fields: endpointFields('to-') },
];

const BY_FIELD = new Map(FIELD_GROUPS.flatMap((g) => g.fields.map((f) => [f.field, f] as const)));

export function fieldSpec(field: FilterField): FieldSpec {
  return BY_FIELD.get(field) ?? { field, example: '' };
}
