/**
 * `ase-gpu-lint explain` for the browser. Core's explain entry reads files (node:fs), so the page
 * imports the browser-safe modules below it (the account, the YAML emitter) and assembles the same
 * document as core's renderYaml, keeping for each YAML line the manifest range it comes from.
 */
import { toKubernetesObjects, type KubernetesObject, type Translation } from 'eslint-plugin-ase-gpu/kubernetes';
import { buildAccount, describeOrigin, positionIn, type AccountEntry } from '../../core/src/explain/account.js';
import type { RuleFinding } from '../../core/src/explain/findings.js';
import { pathKey, toYaml } from '../../core/src/explain/yaml.js';
import type { Explained } from './protocol.js';

type Range = readonly [number, number];

/** Marks a comment with the index of its field; removed once the YAML is written. */
const MARK = '\u0001';
const MARKED = new RegExp(`  # ${MARK}(\\d+)${MARK}`, 'u');

class Document {
  readonly lines: string[] = [];
  readonly origins: (Range | null)[] = [];
  readonly objects: Explained['objects'][number][] = [];

  push(origin: Range | null, ...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.origins.push(origin);
    }
  }

  /** The object's YAML, each line that holds a traced field pointing at the field's origin. */
  object(text: string, object: KubernetesObject): void {
    const comments = new Map<string, string>();
    object.fields.forEach((field, index) => {
      const parts = [field.origin ? `from ${describeOrigin(text, field.origin)}` : undefined, field.text].filter((part): part is string => part !== undefined);
      if (parts.length > 0) comments.set(pathKey(field.path), `${MARK}${index}${MARK}${parts.join('; ')}`);
    });
    for (const line of toYaml(object.body, comments).trimEnd().split('\n')) {
      const marked = MARKED.exec(line);
      if (!marked) {
        this.push(null, line);
        continue;
      }
      const field = object.fields[Number(marked[1])];
      this.push(field?.origin?.range ?? null, line.replace(MARKED, '  # '));
    }
  }

  section(title: string, entries: readonly AccountEntry[], offsetOf: (entry: AccountEntry) => Range | null): void {
    if (entries.length === 0) return;
    this.push(null, '#', `# ${title} (${entries.length}):`);
    for (const entry of entries) {
      const origin = offsetOf(entry);
      const who = entry.module === undefined ? '' : `module "${entry.module}": `;
      this.push(origin, `#   - ${who}${entry.message}`);
      const where = entry.line > 0 ? `at ${entry.path} (line ${entry.line}, column ${entry.column})` : undefined;
      const rule = entry.rule ? `reported by ${entry.rule}` : undefined;
      const tail = [where, rule].filter((part): part is string => part !== undefined).join('; ');
      if (tail !== '') this.push(origin, `#     ${tail}`);
    }
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function explain(translation: Translation, file: string, findings: readonly RuleFinding[]): Explained {
  const text = translation.model.text;
  const profile = translation.profile;
  const account = buildAccount(translation, undefined, findings);
  const starts = lineStarts(text);
  const entryRange = (entry: AccountEntry): Range | null => {
    if (!(entry.line > 0)) return null;
    const start = (starts[entry.line - 1] ?? 0) + entry.column - 1;
    return [start, start + 1];
  };

  const doc = new Document();
  doc.push(null, `# ase-gpu-lint explain ${file}`);
  doc.push(null, `# Device: Azure Stack Edge update ${profile.aseVersion}, Kubernetes ${profile.kubernetesVersion}, IoT Edge agent ${profile.agentVersion}; modules with PortBindings get a ${profile.defaultServiceType} Service.`);
  for (const module of translation.modules) {
    doc.push(module.origin.range, '#', `# Module "${module.module.name}" (${module.path}, line ${positionIn(text, module.origin.range[0]).line}) → Kubernetes name "${module.name}"`);
    for (const object of toKubernetesObjects(module)) {
      doc.push(object.origin.range, '---');
      doc.objects.push({ kind: object.kind, name: object.name, module: module.module.name, line: doc.lines.length + 1 });
      doc.push(object.origin.range, `# ${object.kind} ${object.name} ← ${describeOrigin(text, object.origin)}`);
      doc.object(text, object);
    }
  }
  doc.push(null, '---', '# Account of the deployment', '#', ...account.verdict.map((line) => `# ${line}`));
  doc.section('Rejected: these make the deployment fail', account.failures, entryRange);
  doc.section('Ignored or changed by the agent', account.ignored, entryRange);
  doc.section('Good to know (not lint findings)', account.goodToKnow, entryRange);
  doc.section('Also reported by the rules', account.otherFindings, entryRange);
  return { yaml: `${doc.lines.join('\n')}\n`, origins: doc.origins, objects: doc.objects };
}
