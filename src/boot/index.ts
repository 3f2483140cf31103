export * from './gazette.js';
export * from './scheduler.js';
export * from './cluster.js';
export { buildWorkersOf, distributionReader, startDistribution, startPublisher } from './publishing.js';
