#!/usr/bin/env node
// Checks test/rules-catalogue.json (what the consistency tests hold the rules to) against the rule
// table of domain/rules.md: same names, preset severities and fix column.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rulesMd = process.argv[2] ?? join(root, '../shared/domain/rules.md');
const catalogue = JSON.parse(readFileSync(join(root, 'test/rules-catalogue.json'), 'utf8'));
const severity = (cell) => (cell.trim() === '-' ? 'off' : cell.trim());

const table = {};
for (const line of readFileSync(rulesMd, 'utf8').split('\n')) {
  const cells = line.split('|').slice(1, -1);
  if (cells.length !== 6 || !/^\s*\d+\s*$/u.test(cells[0])) continue;
  table[cells[1].trim()] = { recommended: severity(cells[3]), strict: severity(cells[4]), fix: cells[5].trim() };
}

const problems = [];
for (const name of new Set([...Object.keys(table), ...Object.keys(catalogue)])) {
  const expected = table[name];
  const actual = catalogue[name];
  if (!expected) problems.push(`${name}: in rules-catalogue.json but not in ${rulesMd}`);
  else if (!actual) problems.push(`${name}: in ${rulesMd} but not in rules-catalogue.json`);
  else if (JSON.stringify(expected) !== JSON.stringify(actual)) problems.push(`${name}: rules.md says ${JSON.stringify(expected)}, rules-catalogue.json says ${JSON.stringify(actual)}`);
}
if (problems.length > 0) {
  console.error(`The rule catalogue differs from ${rulesMd}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log(`rule catalogue: ${Object.keys(catalogue).length} rules match ${rulesMd}`);
