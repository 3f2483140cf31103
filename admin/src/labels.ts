import { ROLE_LABELS, type Role } from '../../src/core/access';
import { COLUMN_KIND_LABELS, type ColumnKind } from '../../src/core/column';
import {
  DISCLOSURE_STATE_LABELS,
  REPLY_TYPE_LABELS,
  type DisclosureState,
  type ReplyType,
} from '../../src/core/disclosure';
import { STATUS_LABELS, type ArticleStatus } from '../../src/core/workflow';
import type { Lang } from './i18n';

/** English names beside the Chinese ones the server's core defines (one source for the Chinese). */
const ROLE_EN: Readonly<Record<Role, string>> = {
  contributor: 'Contributor',
  editor: 'Editor',
  'reviewer-1': 'Reviewer (level 1)',
  'reviewer-2': 'Reviewer (level 2)',
  'reviewer-3': 'Reviewer (level 3)',
  publisher: 'Publisher',
  'chief-publisher': 'Chief publisher (may back-date)',
  'site-admin': 'Site administrator',
  'system-admin': 'System administrator',
  'security-admin': 'Security administrator',
  'audit-admin': 'Audit administrator',
  'platform-operator': 'Platform operator',
};

const STATUS_EN: Readonly<Record<ArticleStatus, string>> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  withdrawn: 'Withdrawn',
  archived: 'Archived',
};

const KIND_EN: Readonly<Record<ColumnKind, string>> = {
  news: 'News',
  notice: 'Notices',
  policy: 'Policy documents',
  interpretation: 'Policy interpretation',
  topic: 'Topic',
  page: 'Single page',
  link: 'External link',
};

const DISCLOSURE_STATE_EN: Readonly<Record<DisclosureState, string>> = {
  submitted: 'Awaiting registration',
  registered: 'Registered',
  accepted: 'Accepted',
  correction: 'Awaiting correction',
  consulting: 'Consulting a third party',
  answered: 'Answered',
  closed: 'Closed',
};

const REPLY_TYPE_EN: Readonly<Record<ReplyType, string>> = {
  disclose: 'Disclosed',
  partial: 'Partly disclosed',
  refuse: 'Not disclosed',
  unavailable: 'Cannot be provided',
  'not-handled': 'Not handled',
  other: 'Handled otherwise',
};

export const roleLabel = (role: Role, lang: Lang) => (lang === 'zh' ? ROLE_LABELS[role] : ROLE_EN[role]);
export const statusLabel = (status: ArticleStatus, lang: Lang) =>
  lang === 'zh' ? STATUS_LABELS[status] : STATUS_EN[status];
export const kindLabel = (kind: ColumnKind, lang: Lang) =>
  lang === 'zh' ? COLUMN_KIND_LABELS[kind] : KIND_EN[kind];
export const disclosureStateLabel = (state: DisclosureState, lang: Lang) =>
  lang === 'zh' ? DISCLOSURE_STATE_LABELS[state] : DISCLOSURE_STATE_EN[state];
export const replyTypeLabel = (type: ReplyType, lang: Lang) =>
  lang === 'zh' ? REPLY_TYPE_LABELS[type] : REPLY_TYPE_EN[type];
