/** Messages between the page and the lint worker. */

export type PresetName = 'recommended' | 'strict' | 'migration' | 'all';

export interface ProfileSettings {
  aseVersion?: string;
  gpuCount?: number;
  shares?: string[];
}

export interface Settings {
  readonly preset: PresetName;
  /** The file name it is linted as: a name containing "template" makes it a template. */
  readonly filename: string;
  readonly profile: ProfileSettings;
}

export interface Fix {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface Finding {
  readonly ruleId: string | null;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
  readonly fix: Fix | undefined;
  readonly suggestions: readonly { readonly desc: string; readonly fix: Fix }[];
}

export interface RuleInfo {
  readonly url: string | undefined;
  readonly description: string | undefined;
}

export interface Explained {
  /** The YAML of the objects the agent creates, then the account, as `ase-gpu-lint explain` prints it. */
  readonly yaml: string;
  /** For each YAML line, the manifest range its value comes from (null: no single origin). */
  readonly origins: readonly (readonly [number, number] | null)[];
  /** The objects, in order, with the (1-based) YAML line of their header. */
  readonly objects: readonly { readonly kind: string; readonly name: string; readonly module: string; readonly line: number }[];
}

export type Request =
  | { readonly kind: 'lint'; readonly id: number; readonly code: string; readonly settings: Settings; readonly explain: boolean }
  | { readonly kind: 'fix'; readonly id: number; readonly code: string; readonly settings: Settings };

export type Response =
  | { readonly kind: 'ready'; readonly rules: Record<string, RuleInfo>; readonly version: string }
  | {
      readonly kind: 'lint';
      readonly id: number;
      /**
       * The findings as JSON text: one string crosses to the page in a copy, where thousands of objects
       * would cost the page hundreds of milliseconds to receive; the page parses it only when the
       * findings moved (or a fix needs their offsets).
       */
      readonly findingsJson: string;
      /** Equal for findings of the same rules, messages, lines and columns (offsets may differ). */
      readonly signature: string;
      readonly explained: Explained | string | undefined;
      readonly millis: number;
    }
  | { readonly kind: 'fix'; readonly id: number; readonly output: string | undefined; readonly error: string | undefined };
