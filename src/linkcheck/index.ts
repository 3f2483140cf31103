export * from './link-checker.js';
export * from './monitor.js';
