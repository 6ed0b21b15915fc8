#!/usr/bin/env node
// Prints how long the rules' messages are: the templates of every rule (meta.messages, suggestion
// texts apart), and the messages as printed when each rule lints its own `fire-*.json` fixtures with the
// fixture folder's settings and options (as test/rule-fixtures.test.ts does). Uses the built plugin
// (run `pnpm run build` first). `--list` also prints every rendered message longer than the p90;
// `--only=rule-a,rule-b` counts those rules alone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Linter } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = join(root, 'packages/eslint-plugin-ase-gpu/dist/index.js');
if (!existsSync(distIndex)) {
  console.error('message-lengths: build the plugin first (pnpm run build).');
  process.exit(2);
}
const { default: plugin } = await import(pathToFileURL(distIndex).href);
const fixturesRoot = join(root, 'fixtures/rules');
const onlyArgument = process.argv.find((argument) => argument.startsWith('--only='));
const only = onlyArgument ? new Set(onlyArgument.slice('--only='.length).split(',')) : undefined;
const counted = (rule) => !only || only.has(rule);

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

// A suggestion's text is an imperative ("Remove the bind of ..."); a finding's names what is wrong. The
// fixtures settle most ids; this settles the ids no fixture reaches.
const IMPERATIVE = /^(?:Add|Bind|Keep|Make|Merge|Mount|Move|Remove|Rename|Replace|Set|Use|Write)\b|^Module "\{\{module\}\}": (?:move|replace|remove)\b/u;

function stats(lengths) {
  const sorted = [...lengths].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { count: sorted.length, median, p90: at(0.9), max: sorted.at(-1) };
}

function line(label, { count, median, p90, max }) {
  return `${label.padEnd(34)} count ${String(count).padStart(4)}  median ${String(median).padStart(5)}  p90 ${String(p90).padStart(4)}  max ${String(max).padStart(4)}`;
}

const rendered = [];
const long = [];
const reportedIds = new Set();
const suggestedIds = new Set();
for (const rule of readdirSync(fixturesRoot).sort().filter(counted)) {
  const dir = join(fixturesRoot, rule);
  const settings = readJson(join(dir, 'settings.json')) ?? {};
  const options = readJson(join(dir, 'options.json'));
  const config = [
    {
      files: ['**/*.json'],
      plugins: { 'ase-gpu': plugin },
      language: 'ase-gpu/manifest',
      settings: { 'ase-gpu': settings },
      rules: { [`ase-gpu/${rule}`]: options ? ['error', options] : 'error' },
    },
  ];
  for (const file of readdirSync(dir).filter((f) => /^fire-.*\.json$/u.test(f) && !f.endsWith('.fixed.json')).sort()) {
    const filename = join(dir, file);
    for (const message of new Linter().verify(readFileSync(filename, 'utf8'), config, { filename })) {
      if (message.ruleId !== `ase-gpu/${rule}`) continue;
      reportedIds.add(`${rule}/${message.messageId}`);
      for (const suggestion of message.suggestions ?? []) suggestedIds.add(`${rule}/${suggestion.messageId}`);
      rendered.push(message.message.length);
      long.push([message.message.length, `${rule}/${file}`, message.message]);
    }
  }
}

const templates = [];
const suggestions = [];
for (const [name, rule] of Object.entries(plugin.rules).filter(([name]) => counted(name))) {
  for (const [id, text] of Object.entries(rule.meta.messages)) {
    const key = `${name}/${id}`;
    const suggestion = suggestedIds.has(key) || (!reportedIds.has(key) && IMPERATIVE.test(text));
    (suggestion ? suggestions : templates).push(text.length);
  }
}

console.log(line('message templates', stats(templates)));
console.log(line('suggestion templates', stats(suggestions)));
const printed = stats(rendered);
console.log(line('printed messages (fire fixtures)', printed));
if (process.argv.includes('--list')) {
  for (const [length, where, text] of long.filter(([length]) => length > printed.p90).sort((a, b) => b[0] - a[0])) {
    console.log(`\n${length} ${where}\n  ${text}`);
  }
}
