import { ROLES, type Role } from '../../src/core/index.js';

/**
 * Who may use what, by role, written from the README's "Roles" table (not computed from src/core/access.ts, so
 * that a change of either shows up as a difference). Shared by the route matrix (authorisation-matrix.test.ts)
 * and the direct calls of the use cases (use-case-refusals.test.ts).
 */

/** read: every site role (README: everyone but the three installation-wide administrators). */
export const READERS: readonly Role[] = [
  'contributor',
  'editor',
  'reviewer-1',
  'reviewer-2',
  'reviewer-3',
  'publisher',
  'chief-publisher',
  'site-admin',
];
/**
 * Someone else's article: the editor (edit any) and whoever decides on articles. A contributor and a site
 * administrator read only their own, like a draft of someone else's answers 404.
 */
export const ARTICLE_READERS: readonly Role[] = [
  'editor',
  'reviewer-1',
  'reviewer-2',
  'reviewer-3',
  'publisher',
  'chief-publisher',
];
/** A site's identity and column tree: anyone holding a role there, the installation-wide ones included. */
export const SITE_ROLES: readonly Role[] = ROLES;
/** create, edit own, submit. */
export const WRITERS: readonly Role[] = ['contributor', 'editor'];
export const SERIES_MANAGERS: readonly Role[] = ['editor', 'publisher', 'chief-publisher', 'site-admin'];
export const PUBLISHERS: readonly Role[] = ['publisher', 'chief-publisher'];
export const SITE_ADMIN: readonly Role[] = ['site-admin'];
export const ACCOUNTS: readonly Role[] = ['system-admin'];
export const ROLE_ASSIGNER: readonly Role[] = ['security-admin'];
export const AUDITOR: readonly Role[] = ['audit-admin'];
/** 终审 reviewers and publishers look at urgent corrections afterwards. */
export const URGENT_REVIEWERS: readonly Role[] = ['reviewer-3', 'publisher', 'chief-publisher'];
/** The platform's sites: the system administrator adds and switches them, the platform operator looks. */
export const PLATFORM_MANAGER: readonly Role[] = ['system-admin'];
export const PLATFORM_READERS: readonly Role[] = ['system-admin', 'platform-operator'];
/** 转载: offering a published article to another site, and taking offers in (README: Roles). */
export const RELAY_OFFERERS: readonly Role[] = ['editor', 'publisher', 'chief-publisher'];
export const RELAY_ACCEPTERS: readonly Role[] = [
  'editor',
  'reviewer-1',
  'reviewer-2',
  'reviewer-3',
  'publisher',
  'chief-publisher',
];
/** The site's relay queue: whoever offers or accepts there. */
export const RELAY_READERS: readonly Role[] = RELAY_ACCEPTERS;
