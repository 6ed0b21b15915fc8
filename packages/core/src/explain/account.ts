import type { ModuleModel } from 'eslint-plugin-ase-gpu/manifest';
import { staticValue } from 'eslint-plugin-ase-gpu/manifest';
import type { Origin, Translation, TranslationIssue } from 'eslint-plugin-ase-gpu/kubernetes';
import { ruleOf } from './rule-of.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface AccountEntry {
  readonly module: string | undefined;
  readonly code: string;
  /** `ase-gpu/<rule>`, or undefined for information that no rule reports. */
  readonly rule: string | undefined;
  readonly message: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

export interface Account {
  readonly rejected: boolean;
  /** Sentences that say whether the agent accepts the deployment, and if not which module breaks it. */
  readonly verdict: readonly string[];
  readonly failures: readonly AccountEntry[];
  /** What the agent ignores or changes, each reported by a rule. */
  readonly ignored: readonly AccountEntry[];
  /** Facts that are not lint findings. */
  readonly goodToKnow: readonly AccountEntry[];
}

/** 1-based line and column of a file offset. */
export function positionIn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function describeOrigin(text: string, origin: Origin): string {
  const { line } = positionIn(text, origin.range[0]);
  return `${origin.path} (line ${line})`;
}

/** FPGA and GPU device nodes belong to other rules than the generic no-host-devices. */
function devicesRule(module: ModuleModel | undefined): string {
  const devices = staticValue(module?.createOptions?.get(['HostConfig', 'Devices'], { ignoreCase: true }));
  const paths = Array.isArray(devices) ? devices.map((device) => String((device as { PathOnHost?: unknown } | null)?.PathOnHost ?? '')) : [];
  if (paths.some((path) => path.startsWith('/dev/catapult'))) return 'no-fpga-resources';
  if (paths.some((path) => path.startsWith('/dev/nvidia'))) return 'no-docker-gpu-requests';
  return 'no-host-devices';
}

function entry(text: string, issue: TranslationIssue): AccountEntry {
  const position = positionIn(text, issue.origin.range[0]);
  let rule = ruleOf(issue);
  if (rule === 'no-host-devices') rule = devicesRule(issue.module);
  return {
    module: issue.module?.name,
    code: issue.code,
    rule: rule === undefined ? undefined : `ase-gpu/${rule}`,
    message: issue.message,
    path: issue.origin.path,
    line: position.line,
    column: position.column,
  };
}

function verdictOf(translation: Translation, failures: readonly AccountEntry[]): string[] {
  const moduleCount = translation.modules.length;
  if (failures.length === 0) {
    const lines = [`The agent would accept this deployment: ${moduleCount} module${moduleCount === 1 ? '' : 's'}, each with a ServiceAccount and a Deployment, ${translation.services.length} Service${translation.services.length === 1 ? '' : 's'}.`];
    if (!translation.wholeDeployment) lines.push('This is a layered deployment: checks over the whole deployment (name collisions, edgeHub ports, external IPs) need the base deployment it is applied to.');
    return lines;
  }
  const byModule = new Map<string, AccountEntry[]>();
  for (const failure of failures) byModule.set(failure.module ?? '(manifest)', [...(byModule.get(failure.module ?? '(manifest)') ?? []), failure]);
  const [firstModule, firstFailures] = [...byModule.entries()][0]!;
  const lines = [
    `The agent would reject this deployment. Module "${firstModule}" breaks it: ${firstFailures[0]!.message}`,
    'The agent applies every module in one pass (ServiceAccounts, then Services, then Deployments, then claims); one failure aborts the pass, so no module of this deployment is created or updated until it is fixed, and IoT Hub reports the deployment as failed (code 500).',
  ];
  if (byModule.size > 1 || firstFailures.length > 1) {
    const list = [...byModule.entries()].map(([module, entries]) => `"${module}" (${entries.length})`).join(', ');
    lines.push(`Modules that break it: ${list}.`);
  }
  return lines;
}

function externalIpEntry(translation: Translation): AccountEntry | undefined {
  const balanced = translation.services.filter((service) => service.type === 'LoadBalancer');
  if (balanced.length === 0) return undefined;
  const budget = translation.profile.externalServiceIps;
  const names = balanced.map((service) => service.name).join(', ');
  const budgetText = budget === undefined ? 'set externalServiceIps in the device profile to check the budget' : `the device profile allows ${budget}`;
  return {
    module: undefined,
    code: 'external-ip-count',
    rule: undefined,
    message: `This deployment takes ${balanced.length} Kubernetes external service IP${balanced.length === 1 ? '' : 's'} (${names}); ${budgetText}. Modules beyond the range run without an address.`,
    path: '(deployment)',
    line: 0,
    column: 0,
  };
}

/** The account of a translation, optionally limited to one module's entries (the verdict stays whole). */
export function buildAccount(translation: Translation, only: ModuleModel | undefined): Account {
  const text = translation.model.text;
  const keep = (issue: TranslationIssue): boolean => only === undefined || issue.module === only;
  const failures = translation.failures.map((issue) => entry(text, issue));
  const dropped = translation.dropped.filter(keep).map((issue) => entry(text, issue));
  const notes = translation.notes.filter(keep).map((issue) => entry(text, issue));
  const external = only === undefined ? externalIpEntry(translation) : undefined;
  return {
    rejected: failures.length > 0,
    verdict: verdictOf(translation, failures),
    failures: failures.filter((failure) => only === undefined || failure.module === only.name),
    ignored: dropped.filter((item) => item.rule !== undefined),
    goodToKnow: [...(external ? [external] : []), ...dropped.filter((item) => item.rule === undefined), ...notes],
  };
}
