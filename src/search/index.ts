export * from './analyzer.js';
export * from './normalise.js';
export * from './query-parser.js';
export * from './search-port.js';
export { rankBroad, type BroadCandidate } from './sqlite-broad-rank.js';
export * from './highlight.js';
export * from './pinyin-input.js';
export * from './suggest.js';
export { BUILT_IN_TERMS } from './built-in-terms.js';
