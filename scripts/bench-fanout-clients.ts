// --clients browser-like SSE readers of http://127.0.0.1:--port/map (each its own connection, as
// separate browser tabs are). Prints {connected} once all are open, then every second
// {messages, bytes} received in total, so the orchestrator can check that every browser keeps up.

import http from 'node:http';
import { intArg } from './bench-support';

const port = intArg('port', 1);
const clients = intArg('clients', 100);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients + 10 });
let connected = 0;
let messages = 0;
let bytes = 0;

for (let i = 0; i < clients; i++) {
  const req = http.get({ host: '127.0.0.1', port, path: '/map?window=5m', agent }, (res) => {
    connected += 1;
    if (connected === clients) console.log(JSON.stringify({ connected }));
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      bytes += chunk.length;
      // One SSE message per blank-line terminator.
      let at = chunk.indexOf('\n\n');
      while (at >= 0) {
        messages += 1;
        at = chunk.indexOf('\n\n', at + 2);
      }
    });
  });
  req.on('error', (err) => console.error(`client ${i}: ${err.message}`));
}

setInterval(() => console.log(JSON.stringify({ messages, bytes })), 1000);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
