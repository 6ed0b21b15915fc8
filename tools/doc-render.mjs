// Renders the generated parts of rule docs and of the README from rule metadata.

const FIX_TEXT = {
  fix: '🔧 Fixed automatically by `--fix`.',
  suggestion: '💡 Offers suggestions (applied by editors, or by `ase-gpu-lint --apply-suggestions`).',
  option: '💡 Offers suggestions; with the option `autofix: true` (set by the `migration` preset) they are applied by `--fix`.',
  'fix+suggestion': '🔧 Fixed automatically by `--fix` where the fix is exact; 💡 suggestions otherwise.',
  'fix+option': '🔧 Partly fixed by `--fix`; 💡 the rest are suggestions that `autofix: true` (set by the `migration` preset) applies.',
  none: 'No automatic fix: the right change depends on what the module needs.',
};

function severityCell(severity) {
  return severity === 'off' ? '-' : severity;
}

export function renderDocHeader(name, rule) {
  const docs = rule.meta.docs;
  const lines = [
    `# ase-gpu/${name}`,
    '',
    `${docs.description}.`,
    '',
    `| preset | severity |`,
    `|---|---|`,
    `| recommended | ${severityCell(docs.recommended)}${docs.recommendedOptions ? ` (with \`${JSON.stringify(docs.recommendedOptions)}\`)` : ''} |`,
    `| strict | ${severityCell(docs.strict)} |`,
    `| migration | ${severityCell(docs.recommended)}${docs.migrationOptions ? ` (with \`${JSON.stringify(docs.migrationOptions)}\`)` : ''} |`,
    `| all | error |`,
    '',
    // docs.owns names findings of the project's internal catalogue, which readers of the page cannot open.
    FIX_TEXT[docs.fixPolicy] ?? FIX_TEXT.none,
  ];
  return lines.join('\n');
}

export function renderRuleTable(plugin) {
  const header = ['| rule | description | recommended | strict | fix |', '|---|---|---|---|---|'];
  const rows = Object.keys(plugin.rules)
    .sort()
    .map((name) => {
      const docs = plugin.rules[name].meta.docs;
      const fix = { fix: '🔧', suggestion: '💡', option: '💡 (🔧 with `autofix`)', 'fix+suggestion': '🔧 💡', 'fix+option': '🔧 💡', none: '' }[docs.fixPolicy] ?? '';
      return `| [${name}](rules-docs/${name}.md) | ${docs.description} | ${severityCell(docs.recommended)} | ${severityCell(docs.strict)} | ${fix} |`;
    });
  return [...header, ...rows].join('\n');
}

export function replaceBetween(text, begin, end, content) {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) return text;
  return `${text.slice(0, start + begin.length)}\n${content}\n${text.slice(stop)}`;
}
