/*
 * OS family and version from `Node.status.nodeInfo.osImage` (the host's os-release PRETTY_NAME).
 *
 *   Talos: `Talos (<tag>)`, e.g. `Talos (v1.11.2)`, `Talos (v1.14.0-beta.1)`; 2019 builds wrote a git
 *          SHA and sometimes ` by Autonomy` (`Talos (57b1c82) by Autonomy`). version = the tag.
 *   NixOS: `NixOS <YY.MM>[build suffix] (<CodeName>)`, e.g. `NixOS 24.11 (Vicuna)`,
 *          `NixOS 18.09.1436.a7fd4310c0c (Jellyfish)`. version = the YY.MM release (what "mixed
 *          versions" should compare), build = the full version string, codename = the code name.
 *   Anything else is `other`, version null, and the raw string is kept in `image`.
 */

export type OsFamily = 'talos' | 'nixos' | 'other';

export interface OsInfo {
  readonly family: OsFamily;
  readonly version: string | null;
  /** NixOS: full version incl. build suffix (equals `version` on current releases). */
  readonly build: string | null;
  /** NixOS code name (`Vicuna`). */
  readonly codename: string | null;
  /** The raw osImage string. */
  readonly image: string;
}

const TALOS = /^Talos \((v?[0-9A-Za-z.+_-]+)\)(?: by Autonomy)?$/;
const NIXOS = /^NixOS ((\d{2}\.\d{2})[.0-9a-z]*) \(([^)]+)\)$/;

export function parseOsImage(osImage: string | null | undefined): OsInfo {
  const image = typeof osImage === 'string' ? osImage.trim() : '';
  const talos = TALOS.exec(image);
  if (talos !== null) {
    const tag = talos[1] ?? null;
    return { family: 'talos', version: tag, build: tag, codename: null, image };
  }
  const nixos = NIXOS.exec(image);
  if (nixos !== null) {
    return {
      family: 'nixos',
      version: nixos[2] ?? null,
      build: nixos[1] ?? null,
      codename: nixos[3] ?? null,
      image,
    };
  }
  return { family: 'other', version: null, build: null, codename: null, image };
}
