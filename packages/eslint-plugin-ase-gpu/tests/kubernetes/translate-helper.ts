import { parseJSON } from 'jsonc-eslint-parser';
import { buildManifestModel } from '../../src/manifest/build-model.js';
import { translateManifest } from '../../src/kubernetes/translate.js';
import type { ModuleTranslation, Origin, Translation, TranslationIssue } from '../../src/kubernetes/types.js';
import { resolveDeviceProfile, type DeviceProfileSettings } from '../../src/settings/device-profile.js';
import { buildManifest, type BuiltManifest, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { span, type Location } from '../helpers/locate.js';

export interface Translated {
  readonly built: BuiltManifest;
  readonly translation: Translation;
  /** The translation of one module (throws when absent). */
  module(name: string): ModuleTranslation;
  /** Where an origin stands in the file, as the test helpers locate text. */
  where(origin: Origin): Location;
}

/** Builds a manifest in one encoding, parses it as a test may, and translates the model. */
export function translate(spec: ManifestSpec, encoding: Encoding = 'string', settings: DeviceProfileSettings = {}): Translated {
  const built = buildManifest(spec, encoding);
  const program = parseJSON(built.code, { jsonSyntax: 'JSONC' });
  const model = buildManifestModel(program, built.code, { filename: built.filename });
  if (!model) throw new Error('not a manifest');
  const translation = translateManifest(model, resolveDeviceProfile({ 'ase-gpu': settings }));
  return {
    built,
    translation,
    module(name) {
      const found = translation.module(name);
      if (!found) throw new Error(`no module ${name}`);
      return found;
    },
    where(origin) {
      return span(built.code, origin.range[0], origin.range[1]);
    },
  };
}

/** Codes of issues, for compact assertions. */
export function codes(issues: readonly TranslationIssue[]): string[] {
  return issues.map((issue) => issue.code);
}
