// grpc.health.v1.Health/Check, which `hubble status` calls before anything else. The two messages
// are one field each, so they are coded by hand instead of generating code for them:
//   HealthCheckRequest  { string service = 1; }
//   HealthCheckResponse { ServingStatus status = 1; }  // SERVING = 1
import {
  status as grpcStatus,
  type handleUnaryCall,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';

export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';
const SERVING_RESPONSE = Buffer.from([0x08, 0x01]);
/** Service names this server answers SERVING for; "" is the whole server. */
export const HEALTHY_SERVICES: ReadonlySet<string> = new Set([
  '',
  'hubble.server.Observer',
  'observer.Observer',
]);

/** The `service` field of a HealthCheckRequest; throws on malformed bytes. */
export function decodeHealthCheckRequest(bytes: Uint8Array): string {
  let pos = 0;
  let service = '';
  const varint = (): number => {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= bytes.length) throw new Error('truncated varint');
      const b = bytes[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
    throw new Error('varint too long');
  };
  while (pos < bytes.length) {
    const tag = varint();
    const wireType = tag % 8;
    if (wireType === 0) varint();
    else if (wireType === 1 || wireType === 5) pos += wireType === 1 ? 8 : 4;
    else if (wireType === 2) {
      const len = varint();
      if (pos + len > bytes.length) throw new Error('truncated field');
      if (tag === 0x0a)
        service = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(pos, pos + len));
      pos += len;
    } else throw new Error(`unsupported wire type ${wireType}`);
    if (pos > bytes.length) throw new Error('truncated field');
  }
  return service;
}

const check: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
  let service: string;
  try {
    service = decodeHealthCheckRequest(call.request);
  } catch (err) {
    callback({ code: grpcStatus.INVALID_ARGUMENT, details: `invalid HealthCheckRequest: ${String(err)}` });
    return;
  }
  if (!HEALTHY_SERVICES.has(service)) {
    callback({ code: grpcStatus.NOT_FOUND, details: `unknown service ${service}` });
    return;
  }
  callback(null, SERVING_RESPONSE);
};

const raw = (b: Buffer): Buffer => b;

export const HEALTH_SERVICE: ServiceDefinition<UntypedServiceImplementation> = {
  check: {
    path: HEALTH_CHECK_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: raw,
    requestDeserialize: raw,
    responseSerialize: raw,
    responseDeserialize: raw,
  },
};

export const HEALTH_IMPLEMENTATION: UntypedServiceImplementation = { check };
