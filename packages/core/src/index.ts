export { aseGpuConfig } from './eslint-config.js';
export type { AseGpuConfigOptions } from './eslint-config.js';
export { ConfigResolver } from './config/resolve.js';
export type { FileConfig, ResolverOptions } from './config/resolve.js';
export { ConfigError, UserError } from './config/errors.js';
export { lintText } from './lint/engine.js';
export type { FixType, LintTextOptions, LintTextResult } from './lint/engine.js';
export type { LintMessage, LintResult } from './lint/types.js';
export { run } from './cli/main.js';
