export * from './errors.js';
export * from './site.js';
export * from './column.js';
export * from './article.js';
export * from './series.js';
export * from './pagination.js';
export * from './time.js';
