import { describe, expect, it } from 'vitest';
import { decodeGetFlowsResponse } from '../../sources/hubble/decode-flow-response';
import { createMemorySource } from './memory-source';
import { testFlow, testLost } from './test-helpers';

describe('createMemorySource', () => {
  it('keeps a bounded ring per node and returns history oldest first', () => {
    const src = createMemorySource({
      nodes: [
        { name: 'a', state: 'NODE_CONNECTED' },
        { name: 'b', state: 'NODE_CONNECTED' },
      ],
      capacityPerNode: 3,
    });
    for (let i = 0; i < 5; i++)
      src.publish([testFlow('a', { uuid: `a${i}` }), testFlow('b', { uuid: `b${i}` })]);
    const uuids = src.history().map((e) => (e.kind === 'flow' ? e.flow.uuid : e.kind));
    expect(uuids).toEqual(['a2', 'b2', 'a3', 'b3', 'a4', 'b4']);
    const status = src.serverStatus();
    expect(status).toMatchObject({ numFlows: 6, maxFlows: 6, seenFlows: 10, numConnectedNodes: 2 });
    expect(src.nodes().map((n) => n.numFlows)).toEqual([3, 3]);
  });

  it('notifies subscribers once per publish with bytes the decoder reads back', () => {
    const src = createMemorySource({ nodes: [{ name: 'a', state: 'NODE_CONNECTED' }] });
    const batches: number[] = [];
    const unsubscribe = src.subscribe((batch) => {
      batches.push(batch.length);
      for (const { event, bytes } of batch) expect(decodeGetFlowsResponse(bytes)).toEqual(event);
    });
    src.publish([testFlow('a'), testLost('a', 3), testFlow('a')]);
    unsubscribe();
    src.publish([testFlow('a')]);
    expect(batches).toEqual([3]);
    expect(src.subscriberCount).toBe(0);
  });

  it('reports unavailable nodes and namespaces seen', () => {
    const src = createMemorySource({
      nodes: [
        { name: 'a', state: 'NODE_CONNECTED' },
        { name: 'b', state: 'NODE_CONNECTED' },
      ],
    });
    src.publish([testFlow('a', { namespace: 'shop' }), testFlow('b', { namespace: 'db' })]);
    src.setNodeState('b', 'NODE_UNAVAILABLE');
    expect(src.serverStatus()).toMatchObject({
      numConnectedNodes: 1,
      numUnavailableNodes: 1,
      unavailableNodes: ['b'],
    });
    expect(src.namespaces()).toEqual([
      { cluster: 'default', namespace: 'db' },
      { cluster: 'default', namespace: 'shop' },
    ]);
  });
});
