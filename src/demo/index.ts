export { loadDemo, type DemoSummary } from './load-demo.js';
