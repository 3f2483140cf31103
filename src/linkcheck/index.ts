export * from './link-checker.js';
