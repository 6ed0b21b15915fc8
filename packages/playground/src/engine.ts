/**
 * The linter the CLI runs (`eslint/universal`'s Linter with the plugin's manifest language), configured
 * from the playground's settings as `ase-gpu-lint` configures it from `.aseGpurc`: one preset, the
 * device profile as `settings["ase-gpu"]`.
 */
import type { Linter as LinterType } from 'eslint';
import { Linter } from 'eslint/universal';
import plugin, { getManifestModel, parseManifestText, resolveDeviceProfile } from 'eslint-plugin-ase-gpu';
import { getTranslation } from 'eslint-plugin-ase-gpu/kubernetes';
import { ruleFindings } from '../../core/src/explain/findings.js';
import { explain } from './explain.js';
import type { Explained, Finding, Fix, RuleInfo, Settings } from './protocol.js';

const CWD = '/playground';

function pathOf(settings: Settings): string {
  return `${CWD}/${settings.filename.replace(/^\/+/u, '') || 'deployment.json'}`;
}

function configFor(settings: Settings): LinterType.Config[] {
  return [
    {
      name: `playground: ase-gpu/${settings.preset}`,
      files: ['**'],
      plugins: { 'ase-gpu': plugin },
      language: 'ase-gpu/manifest',
      rules: plugin.configs[settings.preset].rules ?? {},
      settings: { 'ase-gpu': { ...settings.profile } },
    },
  ];
}

function toFix(fix: LinterType.LintMessage['fix']): Fix | undefined {
  return fix ? { range: [fix.range[0], fix.range[1]], text: fix.text } : undefined;
}

function toFinding(message: LinterType.LintMessage): Finding {
  return {
    ruleId: message.ruleId,
    severity: message.severity === 1 ? 1 : 2,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    fix: toFix(message.fix),
    suggestions: (message.suggestions ?? []).map((suggestion) => ({ desc: suggestion.desc, fix: toFix(suggestion.fix)! })),
  };
}

export function ruleInfo(): Record<string, RuleInfo> {
  const info: Record<string, RuleInfo> = {};
  for (const [name, rule] of Object.entries(plugin.rules ?? {})) {
    const docs = (rule as { meta?: { docs?: { url?: string; description?: string } } }).meta?.docs;
    info[`ase-gpu/${name}`] = { url: docs?.url, description: docs?.description };
  }
  return info;
}

export const pluginVersion = plugin.meta.version;

export interface LintOutcome {
  readonly findings: Finding[];
  readonly explained: Explained | string | undefined;
}

export function lint(code: string, settings: Settings, withExplain: boolean): LintOutcome {
  const linter = new Linter({ cwd: CWD });
  const filename = pathOf(settings);
  const messages = linter.verify(code, configFor(settings), { filename });
  const findings = messages.map(toFinding);
  if (!withExplain) return { findings, explained: undefined };
  const sourceCode = linter.getSourceCode();
  const eslintSettings = { 'ase-gpu': { ...settings.profile } };
  const model = sourceCode && sourceCode.text === code ? getManifestModel({ sourceCode, filename, cwd: CWD, id: '', settings: eslintSettings }) : null;
  if (!model) return { findings, explained: 'There is nothing to explain: the text is not an IoT Edge deployment manifest that parses (no modulesContent, $edgeAgent or content.modulesContent).' };
  const translation = getTranslation(model, resolveDeviceProfile(eslintSettings));
  // The account names a rule only where that rule reports in this run, as the CLI's explain does.
  return { findings, explained: explain(translation, settings.filename, ruleFindings(messages, code)) };
}

export interface FixOutcome {
  readonly output: string | undefined;
  readonly error: string | undefined;
}

/** Every fix, pass after pass, as `ase-gpu-lint --fix`; refused like the CLI when the result would not parse. */
export function fixAll(code: string, settings: Settings): FixOutcome {
  const linter = new Linter({ cwd: CWD });
  const filename = pathOf(settings);
  const report = linter.verifyAndFix(code, configFor(settings), { filename, fix: true });
  if (!report.fixed) return { output: undefined, error: undefined };
  if (!parseManifestText(report.output, filename).ok) return { output: undefined, error: 'The fixes were not applied: the fixed text would not be valid JSON. Please report this with the manifest.' };
  return { output: report.output, error: undefined };
}
