import type { ModuleModel } from 'eslint-plugin-ase-gpu/manifest';
import type { Origin, Translation, TranslationIssue } from 'eslint-plugin-ase-gpu/kubernetes';
import { findingAt, type RuleFinding } from './findings.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface AccountEntry {
  readonly module: string | undefined;
  readonly code: string;
  /** The rule that reports this in this run (its configuration, its exemptions), or undefined when none does. */
  readonly rule: string | undefined;
  readonly message: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

export interface Account {
  readonly rejected: boolean;
  /** The failure the agent meets first, when it rejects the deployment. */
  readonly breaking: Breaking | undefined;
  /** Sentences that say whether the agent accepts the deployment, and if not which module breaks it. */
  readonly verdict: readonly string[];
  readonly failures: readonly AccountEntry[];
  /** What the agent ignores or changes, each reported by a rule in this run. */
  readonly ignored: readonly AccountEntry[];
  /** Facts that are not lint findings in this run. */
  readonly goodToKnow: readonly AccountEntry[];
  /** What the rules report in this run beyond the entries above (the run's other findings). */
  readonly otherFindings: readonly AccountEntry[];
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

function entry(text: string, issue: TranslationIssue, findings: readonly RuleFinding[], claimed: Set<RuleFinding>): AccountEntry {
  const position = positionIn(text, issue.origin.range[0]);
  const finding = findingAt(findings, issue.origin.range);
  if (finding) claimed.add(finding);
  return {
    module: issue.module?.name,
    code: issue.code,
    rule: finding?.ruleId,
    message: issue.message,
    path: issue.origin.path,
    line: position.line,
    column: position.column,
  };
}

function findingEntry(finding: RuleFinding): AccountEntry {
  return { module: finding.module, code: finding.severity === 2 ? 'error' : 'warning', rule: finding.ruleId, message: finding.message, path: finding.createOptionsPath === undefined ? '' : `createOptions › ${finding.createOptionsPath}`, line: finding.line, column: finding.column };
}

/** Where in the agent's pass a failure stops the deployment, first to last. */
const STAGES = [
  { stage: 'planner', how: 'the agent refuses the whole deployment before it creates anything' },
  { stage: 'translation', how: 'the agent throws while translating the module' },
  { stage: 'service-account', how: 'Kubernetes rejects its ServiceAccount' },
  { stage: 'service', how: 'Kubernetes rejects its Service, and Services are applied before any Deployment' },
  { stage: 'deployment', how: 'Kubernetes rejects its Deployment' },
] as const;

const STAGE_OF: Readonly<Record<string, (typeof STAGES)[number]['stage']>> = {
  'name-collision': 'planner',
  'module-type-not-docker': 'planner',
  'create-options-invalid': 'translation',
  'name-too-long': 'translation',
  'command-not-array': 'translation',
  'annotation-key-invalid': 'translation',
  'mount-incomplete': 'translation',
  'quantity-invalid': 'translation',
  'secret-name-invalid': 'translation',
  'name-invalid-label': 'service-account',
  'name-invalid-service': 'service',
  'duplicate-port-name': 'service',
  'mixed-protocol-load-balancer': 'service',
  'load-balancer-ip-invalid': 'service',
  'port-out-of-range': 'service',
};

function stageIndex(entry: AccountEntry): number {
  // Binds and Mounts sources that sanitise to nothing make the agent throw; k8s-experimental names reach the API.
  const stage = entry.code === 'volume-name-invalid' && !entry.path.includes('k8s-experimental') ? 'translation' : (STAGE_OF[entry.code] ?? 'deployment');
  return STAGES.findIndex((candidate) => candidate.stage === stage);
}

export interface Breaking {
  readonly module: string;
  readonly stage: (typeof STAGES)[number]['stage'];
  readonly how: string;
  readonly message: string;
}

/** The failure the agent meets first, following the order of its pass. */
export function breakingFailure(failures: readonly AccountEntry[]): Breaking | undefined {
  let first: AccountEntry | undefined;
  for (const failure of failures) if (!first || stageIndex(failure) < stageIndex(first)) first = failure;
  if (!first) return undefined;
  const { stage, how } = STAGES[stageIndex(first)]!;
  return { module: first.module ?? '(manifest)', stage, how, message: first.message };
}

function verdictOf(translation: Translation, failures: readonly AccountEntry[]): string[] {
  const moduleCount = translation.modules.length;
  const breaking = breakingFailure(failures);
  if (!breaking) {
    const lines = [`The agent would accept this deployment: ${moduleCount} module${moduleCount === 1 ? '' : 's'}, each with a ServiceAccount and a Deployment, ${translation.services.length} Service${translation.services.length === 1 ? '' : 's'}.`];
    if (!translation.wholeDeployment) lines.push('This is a layered deployment: checks over the whole deployment (name collisions, edgeHub ports, external IPs) need the base deployment it is applied to.');
    return lines;
  }
  const counts = new Map<string, number>();
  for (const failure of failures) counts.set(failure.module ?? '(manifest)', (counts.get(failure.module ?? '(manifest)') ?? 0) + 1);
  const lines = [
    `The agent would reject this deployment. Module "${breaking.module}" breaks it first: ${breaking.how}. ${breaking.message}`,
    'The agent applies every module in one pass (ServiceAccounts, then Services, then Deployments, then claims); one failure aborts the pass, so no module of this deployment is created or updated until it is fixed, and IoT Hub reports the deployment as failed (code 500).',
  ];
  if (failures.length > 1) lines.push(`Modules that break it: ${[...counts.entries()].map(([module, count]) => `"${module}" (${count})`).join(', ')}.`);
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

function byPosition(entries: readonly AccountEntry[]): AccountEntry[] {
  return [...entries].sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The account of a translation, optionally limited to one module's entries (the verdict stays whole).
 * `findings` are the rules' reports for the file in this run: an entry names a rule only when one of
 * them reports it, so the account follows the configuration (rules off, options, exemptions).
 */
export function buildAccount(translation: Translation, only: ModuleModel | undefined, findings: readonly RuleFinding[]): Account {
  const text = translation.model.text;
  const claimed = new Set<RuleFinding>();
  const keep = (issue: TranslationIssue): boolean => only === undefined || issue.module === only;
  const failures = byPosition(translation.failures.map((issue) => entry(text, issue, findings, claimed)));
  const dropped = translation.dropped.filter(keep).map((issue) => entry(text, issue, findings, claimed));
  const notes = translation.notes.filter(keep).map((issue) => entry(text, issue, findings, claimed));
  const external = only === undefined ? externalIpEntry(translation) : undefined;
  const others = findings.filter((finding) => !claimed.has(finding) && (only === undefined || finding.module === only.name));
  return {
    rejected: failures.length > 0,
    breaking: breakingFailure(failures),
    verdict: verdictOf(translation, failures),
    failures: failures.filter((failure) => only === undefined || failure.module === only.name),
    ignored: byPosition(dropped.filter((item) => item.rule !== undefined)),
    goodToKnow: [...(external ? [external] : []), ...byPosition([...dropped.filter((item) => item.rule === undefined), ...notes])],
    otherFindings: byPosition(others.map(findingEntry)),
  };
}
