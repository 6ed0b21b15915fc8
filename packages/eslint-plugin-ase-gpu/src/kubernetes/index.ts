export type * from './types.js';
export * from './names.js';
export * from './validation.js';
