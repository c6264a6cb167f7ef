import { describe, expect, it } from 'vitest';
import { parseOsImage } from './os-image';
import { readFixtureJson, readFixtureText } from './test-support/k8s-fixtures';

interface Catalog {
  rules: { talos: { regex: string }; nixos: { regex: string } };
  talos_from_release_tags: { osImage: string; talosTag: string }[];
  talos_historical_observed: { osImage: string }[];
  nixos: { osImage: string }[];
  other_distros_for_negative_tests: { osImage: string }[];
}

const catalog = readFixtureJson('nodes/osimage-strings.json') as Catalog;
const talosRule = new RegExp(catalog.rules.talos.regex);
const nixosRule = new RegExp(catalog.rules.nixos.regex);

const allStrings = [
  ...catalog.talos_from_release_tags,
  ...catalog.talos_historical_observed,
  ...catalog.nixos,
  ...catalog.other_distros_for_negative_tests,
].map((e) => e.osImage);

describe('parseOsImage on fixtures/k8s/nodes/osimage-strings.json', () => {
  it('has a non-trivial catalog', () => {
    expect(catalog.talos_from_release_tags.length).toBeGreaterThan(100);
    expect(catalog.nixos.length).toBeGreaterThan(5);
    expect(catalog.other_distros_for_negative_tests.length).toBeGreaterThan(10);
  });

  it('gives every release-tag string family talos and the tag as version', () => {
    for (const entry of catalog.talos_from_release_tags) {
      const os = parseOsImage(entry.osImage);
      expect(os, entry.osImage).toMatchObject({
        family: 'talos',
        version: entry.talosTag,
        image: entry.osImage,
      });
    }
  });

  it('classifies historic Talos strings (SHAs, -dirty, "by Autonomy", betas)', () => {
    for (const { osImage } of catalog.talos_historical_observed) {
      const expected = talosRule.exec(osImage)?.[1];
      expect(expected, osImage).toBeDefined();
      expect(parseOsImage(osImage), osImage).toMatchObject({ family: 'talos', version: expected });
    }
    expect(parseOsImage('Talos (57b1c82) by Autonomy').version).toBe('57b1c82');
    expect(parseOsImage('Talos (v1.14.0-beta.1)').version).toBe('v1.14.0-beta.1');
  });

  it('gives every NixOS string family nixos, the YY.MM release as version and the code name', () => {
    for (const { osImage } of catalog.nixos) {
      const m = nixosRule.exec(osImage);
      expect(m, osImage).not.toBeNull();
      expect(parseOsImage(osImage), osImage).toMatchObject({
        family: 'nixos',
        version: m?.[1],
        codename: m?.[2],
      });
    }
    expect(parseOsImage('NixOS 24.11 (Vicuna)')).toEqual({
      family: 'nixos',
      version: '24.11',
      build: '24.11',
      codename: 'Vicuna',
      image: 'NixOS 24.11 (Vicuna)',
    });
    expect(parseOsImage('NixOS 18.09.1436.a7fd4310c0c (Jellyfish)')).toMatchObject({
      version: '18.09',
      build: '18.09.1436.a7fd4310c0c',
    });
  });

  it('classifies every other distro as other, keeping the raw string', () => {
    for (const { osImage } of catalog.other_distros_for_negative_tests) {
      expect(parseOsImage(osImage), osImage).toEqual({
        family: 'other',
        version: null,
        build: null,
        codename: null,
        image: osImage,
      });
    }
  });

  it('agrees with the catalog regexes on every string in the file', () => {
    for (const s of allStrings) {
      const expected = talosRule.test(s) ? 'talos' : nixosRule.test(s) ? 'nixos' : 'other';
      expect(parseOsImage(s).family, s).toBe(expected);
    }
  });

  it('parses every osImage of the Talos release CSV', () => {
    const rows = readFixtureText('nodes/talos-release-nodeinfo-defaults.csv').trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const [tag, , osImage] = row.split(',');
      expect(parseOsImage(osImage), row).toMatchObject({ family: 'talos', version: tag });
    }
  });

  it('handles empty and missing values', () => {
    expect(parseOsImage('')).toMatchObject({ family: 'other', image: '' });
    expect(parseOsImage(null)).toMatchObject({ family: 'other', image: '' });
    expect(parseOsImage(undefined).family).toBe('other');
    expect(parseOsImage('Talos').family).toBe('other');
    expect(parseOsImage('NixOS unstable').family).toBe('other');
  });
});
