export { buildServer, type ServerOptions } from './build-server.js';
export { publicError, STATUS_BY_KIND } from './error-mapping.js';
export { registerAdminAuth, requireUser, presentUser, SESSION_COOKIE, CSRF_HEADER } from './admin-auth.js';
export { parseInput } from './parse-input.js';
export { createPageCache, invalidateFor, type PageCache } from './page-cache.js';
export type { WorkLimits } from './load-shedding.js';
