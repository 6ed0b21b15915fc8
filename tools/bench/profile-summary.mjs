#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time and the most
// inclusive time, as shares of the whole run, so a change is chosen by what the profile shows.
//
//   node tools/bench/profile-summary.mjs <file.cpuprofile> [--top 25] [--filter text]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--') && !/^\d+$/u.test(arg));
if (!file) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [--top N] [--filter text]');
  process.exit(2);
}
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25;
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : undefined;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1);
const total = profile.samples.length;

const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(node_modules|packages)\//u, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map();
const inclusive = new Map();
for (const [id, ticks] of selfTicks) {
  const name = label(byId.get(id));
  self.set(name, (self.get(name) ?? 0) + ticks);
  // Each sample counts once per distinct function on its stack (recursion is not double counted).
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const frame = label(byId.get(at));
    if (seen.has(frame)) continue;
    seen.add(frame);
    inclusive.set(frame, (inclusive.get(frame) ?? 0) + ticks);
  }
}
const print = (title, map) => {
  console.log(`\n${title} (of ${total} samples)`);
  const rows = [...map].filter(([name]) => !filter || name.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, ticks] of rows) console.log(`${((ticks / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
};
print('self time', self);
print('inclusive time', inclusive);
