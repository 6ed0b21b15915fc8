// Renders the JSON Schema of `.aseGpurc` from the plugin: the device-profile schema for `settings`,
// and every rule id with its options schema for `rules`. tools/generate.mjs writes it to
// packages/core/schema/aseGpurc.schema.json (and `--check` fails when the checked-in file differs).

const CONFIG_DESCRIPTIONS = {
  $schema: 'The JSON Schema of this file, for editor completion.',
  root: 'Stop looking for configuration files in parent folders: this file and the files it extends are the whole configuration of its folder.',
  extends:
    'Configurations this one builds on, in order: ase-gpu:recommended | ase-gpu:strict | ase-gpu:migration | ase-gpu:all, a file relative to this one, or an npm package (resolved from this file\'s folder).',
  plugins: 'ESLint plugins (npm package names, resolved from this file\'s folder) whose rules are written on the ase-gpu manifest model.',
  rules: 'Rule severities and options, in ESLint\'s syntax: "off" | "warn" | "error", or [severity, options].',
  settings: 'The device profile of the Azure Stack Edge Pro GPU device the manifests are deployed to, and accepted findings (exemptions).',
  overrides: 'Rules and settings for the files whose path (relative to the folder of the configuration that applies) matches the globs.',
  files: 'Globs of the manifests to lint when a folder is linted (default: every manifest, recognised by content).',
  ignores: 'Globs of files and folders never to lint (a folder name ignores everything below it).',
};

const SEVERITY = { enum: ['off', 'warn', 'error', 0, 1, 2], description: '"off" (0), "warn" (1) or "error" (2).' };

function optionsItems(schema) {
  if (Array.isArray(schema)) return schema;
  return undefined;
}

function ruleEntrySchema(id, rule) {
  const docs = rule.meta?.docs ?? {};
  const description = [docs.description, docs.url].filter(Boolean).join('\n');
  const items = optionsItems(rule.meta?.schema);
  const arrayForm =
    items !== undefined
      ? { type: 'array', items: [{ $ref: '#/definitions/severity' }, ...items], minItems: 1, maxItems: 1 + items.length, additionalItems: false }
      : rule.meta?.schema && typeof rule.meta.schema === 'object'
        ? { type: 'array', minItems: 1 }
        : { type: 'array', items: [{ $ref: '#/definitions/severity' }], minItems: 1, maxItems: 1 };
  return { description, ...(docs.url ? { markdownDescription: `${docs.description ?? id}\n\n[Documentation](${docs.url})` } : {}), oneOf: [{ $ref: '#/definitions/severity' }, arrayForm] };
}

export function aseGpurcSchema(plugin, { deviceProfileSchema, presetNames }) {
  const ruleProperties = {};
  for (const name of Object.keys(plugin.rules).sort()) ruleProperties[`ase-gpu/${name}`] = ruleEntrySchema(`ase-gpu/${name}`, plugin.rules[name]);
  // A rule id without a namespace names a rule of this plugin (`no-binds`), as in exemptions and --rule.
  for (const name of Object.keys(plugin.rules).sort()) ruleProperties[name] = ruleEntrySchema(`ase-gpu/${name}`, plugin.rules[name]);
  const globs = { oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }] };
  const extendsEntry = { anyOf: [{ enum: presetNames.map((name) => `ase-gpu:${name}`) }, { type: 'string', minLength: 1, not: { pattern: '^ase-gpu:' } }] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://raw.githubusercontent.com/ase-gpu-lint/ase-gpu-lint/main/packages/core/schema/aseGpurc.schema.json',
    title: 'ase-gpu-lint configuration (.aseGpurc)',
    description: 'Policy for linting Azure IoT Edge deployment manifests for Azure Stack Edge Pro GPU devices. Generated from eslint-plugin-ase-gpu; see docs/cli.md.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: CONFIG_DESCRIPTIONS.$schema },
      root: { type: 'boolean', description: CONFIG_DESCRIPTIONS.root },
      extends: { description: CONFIG_DESCRIPTIONS.extends, oneOf: [extendsEntry, { type: 'array', items: extendsEntry }] },
      plugins: { description: CONFIG_DESCRIPTIONS.plugins, type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      rules: { description: CONFIG_DESCRIPTIONS.rules, $ref: '#/definitions/rules' },
      settings: { description: CONFIG_DESCRIPTIONS.settings, $ref: '#/definitions/settings' },
      overrides: {
        description: CONFIG_DESCRIPTIONS.overrides,
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: { description: 'Globs of the files this override applies to.', $ref: '#/definitions/globs' },
            ignores: { description: 'Globs of files this override does not apply to.', $ref: '#/definitions/globs' },
            rules: { $ref: '#/definitions/rules' },
            settings: { $ref: '#/definitions/settings' },
          },
        },
      },
      files: { description: CONFIG_DESCRIPTIONS.files, $ref: '#/definitions/globs' },
      ignores: { description: CONFIG_DESCRIPTIONS.ignores, $ref: '#/definitions/globs' },
    },
    definitions: {
      severity: SEVERITY,
      globs,
      rules: {
        type: 'object',
        properties: ruleProperties,
        patternProperties: {
          // Rules of team plugins (`<plugin>/<rule>`): their options are checked against the plugin's own schema at run time.
          '^(?!ase-gpu/)(@[^/]+/)?[^/]+/[^/]+$': { oneOf: [{ $ref: '#/definitions/severity' }, { type: 'array', items: [{ $ref: '#/definitions/severity' }], minItems: 1 }] },
        },
        additionalProperties: false,
      },
      settings: deviceProfileSchema,
    },
  };
}

export function renderAseGpurcSchema(plugin, exports) {
  return `${JSON.stringify(aseGpurcSchema(plugin, exports), null, 2)}\n`;
}
