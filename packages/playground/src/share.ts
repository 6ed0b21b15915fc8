/**
 * Links that reproduce what their author saw: `#code/<manifest>&preset=…&file=…&aseVersion=…&gpuCount=…&shares=…`,
 * the manifest compressed with lz-string's compressToEncodedURIComponent (as the TypeScript and
 * typescript-eslint playgrounds do; its alphabet has no "&").
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { PresetName, Settings } from './protocol.js';

export const PRESETS: readonly PresetName[] = ['recommended', 'strict', 'migration', 'all'];

export interface Shared {
  readonly code: string;
  readonly settings: Settings;
}

export function toHash({ code, settings }: Shared): string {
  const parts = [`code/${compressToEncodedURIComponent(code)}`, `preset=${settings.preset}`, `file=${encodeURIComponent(settings.filename)}`];
  const { aseVersion, gpuCount, shares } = settings.profile;
  if (aseVersion !== undefined) parts.push(`aseVersion=${encodeURIComponent(aseVersion)}`);
  if (gpuCount !== undefined) parts.push(`gpuCount=${gpuCount}`);
  if (shares !== undefined) parts.push(`shares=${shares.map(encodeURIComponent).join(',')}`);
  return `#${parts.join('&')}`;
}

/** The manifest and settings of a link; undefined when the hash holds none. */
export function fromHash(hash: string, defaults: Settings): Shared | undefined {
  const body = hash.replace(/^#/u, '');
  if (!body.startsWith('code/')) return undefined;
  const [encoded = '', ...rest] = body.slice('code/'.length).split('&');
  const code = decompressFromEncodedURIComponent(encoded);
  if (code === null) return undefined;
  const params = new Map(rest.map((pair) => {
    const equals = pair.indexOf('=');
    return equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
  }));
  const preset = params.get('preset');
  const gpuCount = Number(params.get('gpuCount'));
  const profile: Settings['profile'] = {
    ...(params.has('aseVersion') ? { aseVersion: decodeURIComponent(params.get('aseVersion')!) } : {}),
    ...(params.has('gpuCount') && Number.isInteger(gpuCount) && gpuCount >= 0 ? { gpuCount } : {}),
    ...(params.has('shares') ? { shares: params.get('shares')!.split(',').filter((share) => share !== '').map(decodeURIComponent) } : {}),
  };
  return {
    code,
    settings: {
      preset: PRESETS.includes(preset as PresetName) ? (preset as PresetName) : defaults.preset,
      filename: params.has('file') ? decodeURIComponent(params.get('file')!) || defaults.filename : defaults.filename,
      profile,
    },
  };
}
