import type { Formatter } from './context.js';
import { shownPath } from './paths.js';
import { describeLocation } from '../lint/locate.js';
import { xmlAttribute as xml, xmlCdata } from './xml-text.js';

/** JUnit XML as ESLint's junit formatter writes it: a test suite per file, a failing test case per problem. */
export const formatJunit: Formatter = (results, context) => {
  let output = '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  for (const result of results) {
    const file = shownPath(result.filePath, context.cwd);
    const count = result.messages.length;
    output += `<testsuite package="org.ase-gpu-lint" time="0" tests="${Math.max(count, 1)}" errors="${count}" name="${xml(file)}">\n`;
    if (count === 0) {
      output += `<testcase time="0" name="${xml(file)}" classname="${xml(file.replace(/\.[^.]*$/u, ''))}" />\n`;
    }
    for (const message of result.messages) {
      const type = message.fatal || message.severity === 2 ? 'error' : 'failure';
      const location = describeLocation(message);
      const text = `line ${message.line ?? 0}, col ${message.column ?? 0}, ${type === 'error' ? 'Error' : 'Warning'} - ${message.message}${location ? ` (${location})` : ''} (${message.ruleId ?? ''})`;
      output += `<testcase time="0" name="org.ase-gpu-lint.${xml(message.ruleId ?? 'unknown')}" classname="${xml(file.replace(/\.[^.]*$/u, ''))}">`;
      output += `<${type} message="${xml(message.message)}">${xmlCdata(text)}</${type}></testcase>\n`;
    }
    output += '</testsuite>\n';
  }
  return `${output}</testsuites>\n`;
};
