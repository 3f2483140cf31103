export * from './gazette.js';
