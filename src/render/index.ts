export * from './view-models.js';
export * from './theme.js';

export * from './present.js';
