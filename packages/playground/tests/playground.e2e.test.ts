/**
 * The built playground in Debian's Chromium: the same findings and the same fixed text as the CLI for
 * the seed's FPGA manifest, the explain pane, no request after load, and no serious axe violation.
 * Chromium missing is a failure (CI installs it), never a skip.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressToEncodedURIComponent } from 'lz-string';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveStatic } from '../scripts/browser.mjs';

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(PACKAGE, '../..');
const CLI = join(REPO_ROOT, 'packages/core/bin/ase-gpu-lint.js');
const VITE = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
const SEED = join(REPO_ROOT, 'fixtures/migration/seed-fpga.deployment.json');
const SCREENSHOT = join(REPO_ROOT, 'docs/playground.png');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Located {
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
}

interface Scenario {
  readonly name: string;
  /** The `.aseGpurc` of the CLI run (none: --no-config-lookup, the recommended preset). */
  readonly rc: object | undefined;
  /** The same settings in the link. */
  readonly hash: string;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'the recommended preset and the default device profile', rc: undefined, hash: '&preset=recommended&file=deployment.json' },
  {
    name: 'the migration preset with a device profile',
    rc: { extends: ['ase-gpu:migration'], settings: { aseVersion: '2309', gpuCount: 2, shares: ['fpgainput', 'models'] } },
    hash: '&preset=migration&file=deployment.json&aseVersion=2309&gpuCount=2&shares=fpgainput,models',
  },
];

let built: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const temporary: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** The CLI on a copy of the seed named deployment.json: its findings, and the text `--fix` writes. */
function cli(scenario: Scenario): { findings: Located[]; remaining: Located[]; fixed: string } {
  const run = (args: string[]): { findings: Located[]; dir: string } => {
    const dir = tempDir('playground-cli-');
    copyFileSync(SEED, join(dir, 'deployment.json'));
    if (scenario.rc) writeFileSync(join(dir, '.aseGpurc.json'), JSON.stringify(scenario.rc));
    const lookup = scenario.rc ? [] : ['--no-config-lookup'];
    const result = spawnSync(process.execPath, [CLI, ...lookup, '-f', 'json', ...args, 'deployment.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { messages: Located[] }[];
    return { findings: report.flatMap((file) => file.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }))), dir };
  };
  const plain = run([]);
  const fixed = run(['--fix']);
  return { findings: plain.findings, remaining: fixed.findings, fixed: readFileSync(join(fixed.dir, 'deployment.json'), 'utf8') };
}

async function openSeed(context: BrowserContext, hash: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${server.url}#code/${compressToEncodedURIComponent(readFileSync(SEED, 'utf8'))}${hash}`);
  await settled(page);
  expect(errors).toEqual([]);
  return page;
}

/** Waits until the findings list shows the lint of the editor's current text. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="findings"][data-pending="false"]', { timeout: 30_000 });
}

async function pageFindings(page: Page): Promise<Located[]> {
  return page.$$eval('#findings li[data-rule-id]', (items) =>
    items.map((item) => ({ ruleId: (item as HTMLElement).dataset.ruleId!, line: Number((item as HTMLElement).dataset.line), column: Number((item as HTMLElement).dataset.column) })),
  );
}

async function editorText(page: Page): Promise<string> {
  const details = page.locator('#output-details');
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await page.locator('#output-details > summary').click();
  return page.getByTestId('manifest-output').inputValue();
}

beforeAll(async () => {
  browser = await launchChromium();
  built = tempDir('playground-dist-');
  const build = spawnSync(process.execPath, [VITE, 'build', '--outDir', built, '--emptyOutDir', '--logLevel', 'error'], { cwd: PACKAGE, encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  server = await serveStatic(built);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('the playground in Chromium', () => {
  for (const scenario of SCENARIOS) {
    it(`reports what the CLI reports and fixes what --fix fixes, with ${scenario.name}`, async () => {
      const expected = cli(scenario);
      expect(expected.findings.length).toBeGreaterThan(0);
      const page = await openSeed(browser.context, scenario.hash);

      expect(await pageFindings(page)).toEqual(expected.findings);
      await expect.poll(() => page.locator('.cm-lint-marker').count()).toBeGreaterThan(0);

      const before = await editorText(page);
      await page.getByTestId('fix-all').click();
      await expect.poll(() => editorText(page)).not.toBe(before);
      await settled(page);
      expect(await editorText(page)).toBe(expected.fixed);
      expect(await pageFindings(page)).toEqual(expected.remaining);
      await page.close();
    });
  }

  it('applies one finding\'s fix, and one suggestion, from the list', async () => {
    const page = await openSeed(browser.context, SCENARIOS[0]!.hash);
    const count = async (rule: string) => (await pageFindings(page)).filter((finding) => finding.ruleId === rule).length;
    expect(await count('ase-gpu/no-binds')).toBe(1);
    await page.locator('#findings li[data-rule-id="ase-gpu/no-binds"] button.fix').click();
    await expect.poll(async () => (await settled(page), count('ase-gpu/no-binds'))).toBe(0);
    expect(await editorText(page)).not.toContain('"Binds\\"');

    const fpga = await count('ase-gpu/no-fpga-resources');
    expect(fpga).toBeGreaterThan(0);
    await page.locator('#findings li[data-rule-id="ase-gpu/no-fpga-resources"] button.suggestion').first().click();
    await expect.poll(async () => (await settled(page), count('ase-gpu/no-fpga-resources'))).toBeLessThan(fpga);
    expect(await editorText(page)).toContain('nvidia.com/gpu');
    await page.close();
  });

  it('explains the Deployment and the Service, and traces a field to the manifest', async () => {
    const page = await openSeed(browser.context, SCENARIOS[0]!.hash);
    await page.getByTestId('toggle-explain').click();
    await page.waitForSelector('[data-testid="explain-objects"] li');
    const objects = await page.$$eval('[data-testid="explain-objects"] li', (items) => items.map((item) => `${(item as HTMLElement).dataset.kind} ${(item as HTMLElement).dataset.name}`));
    expect(objects).toEqual(expect.arrayContaining(['Deployment fpgainference', 'Service fpgainference', 'Deployment edgehub', 'Service edgehub']));

    await page.locator('[data-testid="explain-objects"] li[data-kind="Service"][data-name="fpgainference"] button').click();
    await expect.poll(() => page.getByTestId('explain-text').innerText()).toContain('kind: Service');
    expect(await page.getByTestId('explain-text').innerText()).toContain('name: fpgainference');
    // The header line of an object points at its module: the manifest shows where it comes from.
    const highlighted = page.getByTestId('origin-highlight');
    await expect.poll(() => highlighted.count()).toBeGreaterThan(0);
    expect(await highlighted.first().innerText()).toContain('fpgainference');
    // A field from inside the string createOptions: its origin is the HostPort value within that string.
    await page.getByTestId('explain-text').getByText('hostport-50051-tcp').click();
    await expect.poll(() => highlighted.first().innerText()).toBe('\\"50051\\"');

    await page.screenshot({ path: SCREENSHOT });
    await page.close();
  });

  it('makes no request after load, and only to its own origin for its files', async () => {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const record = (request: Request) => requests.push(request.url());
    page.on('request', record);
    await page.goto(`${server.url}#code/${compressToEncodedURIComponent(readFileSync(SEED, 'utf8'))}`);
    await settled(page);
    for (const url of requests) expect(url.startsWith(`${server.origin}/`)).toBe(true);
    expect(server.requests.every((path) => path === '/' || path.startsWith('/assets/'))).toBe(true);

    const atLoad = requests.length;
    const served = server.requests.length;
    await page.getByTestId('toggle-explain').click();
    await page.waitForSelector('[data-testid="explain-objects"] li');
    await page.getByTestId('fix-all').click();
    await page.selectOption('#preset', 'strict');
    await page.getByLabel('Example').selectOption('fpga-chunked');
    await settled(page);
    await page.getByTestId('editor-text').click();
    await page.keyboard.type(' ');
    await settled(page);
    expect(requests.slice(atLoad)).toEqual([]);
    expect(server.requests.length).toBe(served);
    await page.close();
  });

  it('has no serious or critical axe violations, findings and explain pane shown', async () => {
    const page = await openSeed(browser.context, SCENARIOS[0]!.hash);
    await page.getByTestId('toggle-explain').click();
    await page.waitForSelector('[data-testid="explain-objects"] li');
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document);
      return result.violations.map(({ id, impact, nodes }) => ({ id, impact, targets: nodes.map((node) => node.target.join(' ')) }));
    });
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    await page.close();
  });

  it('reaches every control with the keyboard', async () => {
    const page = await openSeed(browser.context, SCENARIOS[0]!.hash);
    const controls = await page.$$eval('main button, main select, main input, main summary, main a[href]', (elements) => elements.filter((element) => (element as HTMLElement).offsetParent !== null).length);
    const reached = new Set<string>();
    for (let step = 0; step < controls + 5; step++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        if (!active || active === document.body) return '';
        // The editor is one stop: Tab leaves it (it does not indent).
        return active.closest('.cm-editor') ? 'editor' : `${active.tagName}:${active.id || active.textContent?.trim()}:${[...document.querySelectorAll('*')].indexOf(active)}`;
      });
      if (id) reached.add(id);
    }
    expect(reached.has('editor')).toBe(true);
    expect(reached.size).toBeGreaterThanOrEqual(controls);
    expect(await page.locator('[data-testid="findings"]').getAttribute('aria-live')).toBe('polite');
    await page.close();
  });
});
