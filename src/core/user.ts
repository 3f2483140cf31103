import type { Grant } from './access.js';

export type UserStatus = 'active' | 'disabled';

export interface User {
  readonly id: number;
  readonly username: string;
  /** Real name, shown as 责任编辑 and in the audit log. */
  readonly displayName: string;
  readonly status: UserStatus;
  /** Set for generated and reset passwords: the next login must choose a new one. */
  readonly mustChangePassword: boolean;
  readonly totpEnabled: boolean;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly lastLoginAt: string | null;
  readonly passwordChangedAt: string;
  readonly grants: readonly Grant[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Who acts: a signed-in person, or the system itself (CLI, scheduler, importer), named with a reason. */
export type Principal =
  | { readonly kind: 'user'; readonly user: User; readonly ip: string }
  | { readonly kind: 'system'; readonly reason: string };
