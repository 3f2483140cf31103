export { buildServer, type ServerOptions } from './build-server.js';
export { publicError, STATUS_BY_KIND } from './error-mapping.js';
