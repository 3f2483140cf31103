export * from './gazette.js';
export * from './scheduler.js';
export * from './cluster.js';
export { buildWorkersOf, startDistribution, startPublisher } from './publishing.js';
