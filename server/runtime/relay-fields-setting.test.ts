import { describe, expect, it } from 'vitest';
import { relayFieldMask } from '../sources/hubble/relay-fields';
import { ConfigError, loadConfig } from './config';

describe('SKYMAP_RELAY_FIELDS', () => {
  it('defaults to every field (no mask) and accepts essential', () => {
    expect(loadConfig({}).relayFields).toBe('all');
    expect(relayFieldMask(loadConfig({}).relayFields)).toBeUndefined();
    const essential = loadConfig({ SKYMAP_RELAY_FIELDS: ' essential ' }).relayFields;
    expect(essential).toBe('essential');
    const mask = relayFieldMask(essential) ?? [];
    for (const field of ['time', 'uuid', 'verdict', 'source', 'destination', 'l4', 'l7', 'egress_denied_by'])
      expect(mask).toContain(field);
    expect(mask).not.toContain('node_labels');
  });

  it('stops start-up with one line naming the setting for anything else', () => {
    expect(() => loadConfig({ SKYMAP_RELAY_FIELDS: 'some' })).toThrow(ConfigError);
    expect(() => loadConfig({ SKYMAP_RELAY_FIELDS: 'some' })).toThrow(
      'SKYMAP_RELAY_FIELDS: expected all or essential, got "some"',
    );
  });
});
