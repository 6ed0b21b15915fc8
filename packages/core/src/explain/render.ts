import { toKubernetesObjects, type KubernetesObject, type ModuleTranslation, type Translation } from 'eslint-plugin-ase-gpu/kubernetes';
import type { Account, AccountEntry } from './account.js';
import { describeOrigin, positionIn } from './account.js';
import { pathKey, toYaml } from './yaml.js';

export interface ExplainInput {
  readonly file: string;
  readonly translation: Translation;
  readonly modules: readonly ModuleTranslation[];
  readonly account: Account;
  /** The configuration files that apply, nearest first, as shown to the user. */
  readonly configFiles: readonly string[];
}

function configLine(input: ExplainInput): string {
  return input.configFiles.length === 0 ? 'Configuration: the recommended preset (no .aseGpurc found).' : `Configuration: ${input.configFiles.join(', ')}.`;
}

function profileLine(translation: Translation): string {
  const profile = translation.profile;
  return `Device: Azure Stack Edge update ${profile.aseVersion}, Kubernetes ${profile.kubernetesVersion}, IoT Edge agent ${profile.agentVersion}; modules with PortBindings get a ${profile.defaultServiceType} Service.`;
}

function fieldComments(text: string, object: KubernetesObject): Map<string, string> {
  const comments = new Map<string, string>();
  for (const field of object.fields) {
    const parts = [field.origin ? `from ${describeOrigin(text, field.origin)}` : undefined, field.text].filter((part): part is string => part !== undefined);
    if (parts.length > 0) comments.set(pathKey(field.path), parts.join('; '));
  }
  return comments;
}

function entryLines(entry: AccountEntry): string[] {
  const who = entry.module === undefined ? '' : `module "${entry.module}": `;
  const lines = [`#   - ${who}${entry.message}`];
  const where = entry.line <= 0 ? undefined : entry.path === '' ? `at line ${entry.line}, column ${entry.column}` : `at ${entry.path} (line ${entry.line}, column ${entry.column})`;
  const rule = entry.rule ? `reported by ${entry.rule}` : undefined;
  const tail = [where, rule].filter((part): part is string => part !== undefined).join('; ');
  if (tail !== '') lines.push(`#     ${tail}`);
  return lines;
}

function section(title: string, entries: readonly AccountEntry[]): string[] {
  if (entries.length === 0) return [];
  return ['#', `# ${title} (${entries.length}):`, ...entries.flatMap(entryLines)];
}

export function renderYaml(input: ExplainInput): string {
  const { translation, account } = input;
  const text = translation.model.text;
  const out: string[] = [`# ase-gpu-lint explain ${input.file}`, `# ${configLine(input)}`, `# ${profileLine(translation)}`];
  for (const module of input.modules) {
    const objects = toKubernetesObjects(module);
    out.push('#', `# Module "${module.module.name}" (${module.path}, line ${positionIn(text, module.origin.range[0]).line}) → Kubernetes name "${module.name}"`);
    for (const object of objects) {
      out.push('---', `# ${object.kind} ${object.name} ← ${describeOrigin(text, object.origin)}`);
      out.push(toYaml(object.body, fieldComments(text, object)).trimEnd());
    }
  }
  out.push('---', '# Account of the deployment', '#', ...account.verdict.map((line) => `# ${line}`));
  for (const line of section('Rejected: these make the deployment fail', account.failures)) out.push(line);
  for (const line of section('Ignored or changed by the agent', account.ignored)) out.push(line);
  for (const line of section('Good to know (not lint findings)', account.goodToKnow)) out.push(line);
  for (const line of section('Also reported by the rules', account.otherFindings)) out.push(line);
  return `${out.join('\n')}\n`;
}

export function renderJson(input: ExplainInput): string {
  const { translation, account } = input;
  const text = translation.model.text;
  const location = (range: readonly [number, number]) => positionIn(text, range[0]);
  const result = {
    file: input.file,
    configFiles: input.configFiles,
    profile: {
      aseVersion: translation.profile.aseVersion,
      kubernetesVersion: translation.profile.kubernetesVersion,
      agentVersion: translation.profile.agentVersion,
      defaultServiceType: translation.profile.defaultServiceType,
      mixedProtocolLoadBalancer: translation.profile.mixedProtocolLoadBalancer,
    },
    modules: input.modules.map((module) => ({
      module: module.module.name,
      name: module.name,
      path: module.path,
      objects: toKubernetesObjects(module).map((object) => ({
        kind: object.kind,
        name: object.name,
        from: { path: object.origin.path, ...location(object.origin.range) },
        fields: object.fields.map((field) => ({
          path: field.path,
          ...(field.origin ? { from: { path: field.origin.path, ...location(field.origin.range) } } : {}),
          ...(field.text ? { note: field.text } : {}),
        })),
        object: object.body,
      })),
    })),
    account,
  };
  return `${JSON.stringify(result, null, 2)}\n`;
}
