export * from './gazette.js';
export * from './scheduler.js';
