import { describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../hub/live-channel';
import { frame } from './sse';

describe('frame', () => {
  it('frames a message as one SSE event', () => {
    const message: ChannelMessage = { seq: 7, event: 'delta', data: '{"seq":7}' };
    expect(new TextDecoder().decode(frame(message))).toBe('id: 7\nevent: delta\ndata: {"seq":7}\n\n');
  });

  it('encodes a message shared by many subscribers once', () => {
    const message: ChannelMessage = { seq: 1, event: 'snapshot', data: '{"big":true}' };
    expect(frame(message)).toBe(frame(message));
    expect(frame({ ...message })).not.toBe(frame(message));
  });
});
