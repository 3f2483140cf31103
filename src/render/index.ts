export * from './view-models.js';
export * from './theme.js';

export * from './present.js';
export * from './preferences.js';
export { displayView, wrapTables } from './display.js';
export * from './present-catalogue.js';
export * from './present-disclosure.js';
