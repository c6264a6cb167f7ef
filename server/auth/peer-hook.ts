// Installs the peer-address hook on Node's HTTP servers; called once from server start-up.
import http from 'node:http';
import https from 'node:https';
import { installPeerAddressHook } from './peer-address';

export function installServerPeerHook(): void {
  installPeerAddressHook([http.Server.prototype, https.Server.prototype]);
}
