import { describe, expect } from 'vitest';
import { locate, manifest, rc, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const it = slowIt();
const tree = treesCleanedAfterEach();

/** A colon in an env name (rejected before Kubernetes 1.32) and a ShmSize the agent ignores. */
const DEPLOYMENT = manifest({ scorer: { createOptions: { HostConfig: { ShmSize: 1000 } }, env: { 'Logging:LogLevel': 'Debug' } } });
const ENV_AT = locate(DEPLOYMENT, '"Logging:LogLevel"');
const SHM_AT = locate(DEPLOYMENT, '\\"ShmSize\\"');

function account(stdout: string): string[] {
  return stdout.slice(stdout.indexOf('# Account of the deployment')).trimEnd().split('\n');
}

describe('ase-gpu-lint explain resolves configuration as lint does', () => {
  it('reads the device profile from the .aseGpurc of the file\'s folder: 2607 runs Kubernetes 1.35, where the env name is valid', () => {
    const t = tree({ 'edge/.aseGpurc.yaml': 'settings:\n  aseVersion: "2607"\n', 'edge/deployment.json': DEPLOYMENT });
    const explained = runCli(['explain', 'edge/deployment.json'], { cwd: t.root });
    expect(explained.status).toBe(0);
    expect(explained.stderr).toBe('');
    expect(explained.stdout.split('\n').slice(0, 3)).toEqual([
      '# ase-gpu-lint explain edge/deployment.json',
      '# Configuration: edge/.aseGpurc.yaml.',
      '# Device: Azure Stack Edge update 2607, Kubernetes 1.35, IoT Edge agent 0.1.0-beta15; modules with PortBindings get a LoadBalancer Service.',
    ]);
    expect(explained.stdout).not.toContain('env-var-names');
    expect(explained.stdout).not.toContain('is not valid on Kubernetes');
    // Lint agrees: no env finding.
    const linted = runCli(['edge/deployment.json', '-f', 'json'], { cwd: t.root });
    expect((JSON.parse(linted.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((message) => message.ruleId)).not.toContain('ase-gpu/env-var-names');
  });

  it('names the rule of each entry only where that rule reports in this run', () => {
    const t = tree({ 'deployment.json': DEPLOYMENT, '.aseGpurc': rc({ rules: { 'ase-gpu/no-shm-size': 'warn' } }) });
    const reported = account(runCli(['explain', 'deployment.json', '--module', 'scorer'], { cwd: t.root }).stdout);
    expect(reported).toEqual([
      '# Account of the deployment',
      '#',
      '# The agent would reject this deployment. Module "scorer" breaks it first: Kubernetes rejects its Deployment. The env name "Logging:LogLevel" is not valid on Kubernetes 1.27; the API server rejects the Deployment.',
      '# The agent applies every module in one pass (ServiceAccounts, then Services, then Deployments, then claims); one failure aborts the pass, so no module of this deployment is created or updated until it is fixed, and IoT Hub reports the deployment as failed (code 500).',
      '#',
      '# Rejected: these make the deployment fail (1):',
      '#   - module "scorer": The env name "Logging:LogLevel" is not valid on Kubernetes 1.27; the API server rejects the Deployment.',
      `#     at modules.scorer.env["Logging:LogLevel"] (line ${ENV_AT.line}, column ${ENV_AT.column}); reported by ase-gpu/env-var-names`,
      '#',
      '# Ignored or changed by the agent (1):',
      '#   - module "scorer": HostConfig.ShmSize is ignored by the agent on the GPU device.',
      `#     at modules.scorer.settings.createOptions › HostConfig.ShmSize (line ${SHM_AT.line}, column ${SHM_AT.column}); reported by ase-gpu/no-shm-size`,
    ]);
    // The same facts with the rules off (--rule, short ids) or exempted: no rule claims them.
    const quiet = account(runCli(['explain', 'deployment.json', '--module', 'scorer', '--rule', 'no-shm-size: off', '--rule', 'ase-gpu/env-var-names: off'], { cwd: t.root }).stdout);
    expect(quiet).toContain(`#     at modules.scorer.env["Logging:LogLevel"] (line ${ENV_AT.line}, column ${ENV_AT.column})`);
    expect(quiet.slice(quiet.indexOf('# Good to know (not lint findings) (1):'))).toEqual([
      '# Good to know (not lint findings) (1):',
      '#   - module "scorer": HostConfig.ShmSize is ignored by the agent on the GPU device.',
      `#     at modules.scorer.settings.createOptions › HostConfig.ShmSize (line ${SHM_AT.line}, column ${SHM_AT.column})`,
    ]);
    expect(quiet.join('\n')).not.toContain('reported by');
  });

  it('applies the exemptions of the configuration, unless --no-exemptions', () => {
    const t = tree({ 'deployment.json': DEPLOYMENT, '.aseGpurc': rc({ settings: { exemptions: [{ rule: 'env-var-names', module: 'scorer', reason: 'the device runs 2607 from March' }] } }) });
    const exempted = runCli(['explain', 'deployment.json', '--module', 'scorer'], { cwd: t.root });
    expect(account(exempted.stdout)).toContain(`#     at modules.scorer.env["Logging:LogLevel"] (line ${ENV_AT.line}, column ${ENV_AT.column})`);
    const all = runCli(['explain', 'deployment.json', '--module', 'scorer', '--no-exemptions'], { cwd: t.root });
    expect(account(all.stdout)).toContain(`#     at modules.scorer.env["Logging:LogLevel"] (line ${ENV_AT.line}, column ${ENV_AT.column}); reported by ase-gpu/env-var-names`);
  });

  it('takes -c and --no-config-lookup as lint does', () => {
    const t = tree({ 'deployment.json': DEPLOYMENT, '.aseGpurc': rc({ settings: { aseVersion: '2607' } }), 'ci/device-2309.json': rc({ settings: { aseVersion: '2309' } }) });
    const line = (args: string[]) => runCli(['explain', 'deployment.json', ...args], { cwd: t.root }).stdout.split('\n').slice(1, 3);
    expect(line([])).toEqual(['# Configuration: .aseGpurc.', '# Device: Azure Stack Edge update 2607, Kubernetes 1.35, IoT Edge agent 0.1.0-beta15; modules with PortBindings get a LoadBalancer Service.']);
    expect(line(['-c', 'ci/device-2309.json'])).toEqual(['# Configuration: ci/device-2309.json.', '# Device: Azure Stack Edge update 2309, Kubernetes 1.25, IoT Edge agent 0.1.0-beta15; modules with PortBindings get a LoadBalancer Service.']);
    expect(line(['--no-config-lookup'])).toEqual(['# Configuration: the recommended preset (no .aseGpurc found).', '# Device: Azure Stack Edge update 2403, Kubernetes 1.27, IoT Edge agent 0.1.0-beta15; modules with PortBindings get a LoadBalancer Service.']);
    expect(line(['--ase-version', '2309'])[1]).toBe('# Device: Azure Stack Edge update 2309, Kubernetes 1.25, IoT Edge agent 0.1.0-beta15; modules with PortBindings get a LoadBalancer Service.');
  });

  it('refuses a configuration lint refuses, in one line with exit 2', () => {
    const t = tree({ 'deployment.json': DEPLOYMENT, '.aseGpurc': rc({ rules: { 'ase-gpu/no-shm-sise': 'warn' } }) });
    const run = runCli(['explain', 'deployment.json'], { cwd: t.root });
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint explain: .aseGpurc: rules["ase-gpu/no-shm-sise"]: no loaded plugin provides this rule (did you mean "ase-gpu/no-shm-size"?).\n' });
  });
});
