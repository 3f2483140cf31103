import {
  MAX_DESCRIPTION_CHARS,
  MAX_IDENTITY_BYTES,
  type PublicDisclosureStatus,
  type SubmittedRequest,
} from '../app/index.js';
import {
  DELIVERY_LABELS,
  DELIVERY_METHODS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
} from '../core/index.js';
import { presentSection, type PresentContext } from './present.js';
import type { SectionPage } from './view-models.js';

/** Where the request form lives on every site. */
export const DISCLOSURE_PATH = '/ysqgk/';

/** The form as shown again: the typed values, the refusal naming its field, or a prompt for the next step. */
export interface DisclosureFormState {
  readonly values: Readonly<Record<string, string>>;
  readonly error: { readonly message: string; readonly field: string | null } | null;
  /** Not an error: what is still to do (the second step after the static page's form). */
  readonly notice?: string | null;
}

export interface DisclosurePageData {
  readonly form?: DisclosureFormState | undefined;
  readonly receipt?: SubmittedRequest | undefined;
  readonly status?: PublicDisclosureStatus | undefined;
  readonly lookupError?: string | undefined;
  /** The fresh text question; null on a page that holds none (a receipt, a status, the static file). */
  readonly guard: unknown;
  /** The latest reply date for a request sent today; null on the static page, which would go stale. */
  readonly calculator: { readonly today: string; readonly dueOn: string; readonly text: string } | null;
  /**
   * The Gazette server the forms go to: '' on the server itself; on the static site its origin when
   * configured, else '' (the web server passes `/ysqgk/` to Gazette).
   */
  readonly server: string;
  /** The static site's copy: the first step of the form, without the identity upload and the question. */
  readonly staticPage: boolean;
}

/**
 * The 依申请公开 page at `/ysqgk/`: the form (公民 or 法人/其他组织, contact, 身份证明, description, purpose,
 * delivery), the receipt with the 申请编号 and 查询码, a request's status and reply, and the status look-up.
 */
export function presentDisclosure(pc: PresentContext, data: DisclosurePageData): SectionPage {
  const form = data.form ?? { values: { requesterKind: 'citizen', delivery: 'online' }, error: null };
  return {
    ...presentSection(pc, {
      template: 'disclosure',
      title: '依申请公开',
      description: `向${pc.ctx.site.name}申请获取政府信息`,
      breadcrumb: [{ name: '依申请公开', url: DISCLOSURE_PATH }],
    }),
    disclosure: {
      action: `${data.server}${DISCLOSURE_PATH}`,
      statusAction: `${data.server}${DISCLOSURE_PATH}status`,
      staticPage: data.staticPage,
      guard: data.receipt || data.status ? null : data.guard,
      values: form.values,
      error: form.error,
      notice: form.notice ?? null,
      citizen: (form.values['requesterKind'] ?? 'citizen') === 'citizen',
      organisationTypes: ORGANISATION_TYPES.map((value) => ({
        value,
        label: ORGANISATION_TYPE_LABELS[value],
        selected: form.values['organisationType'] === value,
      })),
      deliveries: DELIVERY_METHODS.map((value) => ({
        value,
        label: DELIVERY_LABELS[value],
        selected: (form.values['delivery'] ?? 'online') === value,
      })),
      maxDescription: MAX_DESCRIPTION_CHARS,
      maxIdentityMb: MAX_IDENTITY_BYTES / 1024 / 1024,
      calculator: data.calculator,
      receipt: data.receipt ?? null,
      status: data.status ?? null,
      lookupError: data.lookupError ?? null,
    },
  };
}
