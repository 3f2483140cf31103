/**
 * Inputs shared by the route matrix (authorisation-matrix.test.ts) and the direct calls of the use cases
 * (use-case-refusals.test.ts), which prepare the same targets: a policy document's fields, a citizen's letter
 * and request for disclosure.
 */

export const POLICY_FIELDS = {
  indexNumber: '',
  issuers: ['青川市人民政府办公室'],
  documentNumber: '青政办发〔2026〕1号',
  writtenAt: '2026-11-01',
  publishedAt: null,
  effectiveAt: null,
  themes: ['综合政务/政务公开'],
  genre: '通知',
  policyClass: 'other',
  keywords: [],
  validity: 'valid',
  validityDate: null,
  replacedBy: null,
  disclosure: 'active',
  disclosureReason: '',
} as const;

/** The public form of a letter to a 互动交流 channel. */
export const letterForm = (subject: string) => ({
  name: '',
  phone: '13812341234',
  email: '',
  address: '',
  subject,
  body: '权限测试留言正文',
  wantsPublic: false,
  consent: false,
});

/** The public form of a request for disclosure, a citizen's, with an identity paper. */
export const disclosureSubmission = (siteId: number) => ({
  siteId,
  requesterKind: 'citizen' as const,
  organisationType: null,
  name: '权限测试',
  idType: '居民身份证',
  idNumber: '110101199003071234',
  contactPerson: '',
  phone: '13800138000',
  email: '',
  address: '',
  postcode: '',
  description: '请公开某项信息。',
  purpose: '',
  delivery: 'online' as const,
  identity: { filename: 'id.pdf', bytes: new TextEncoder().encode('%PDF-1.4 test') },
});

/** A draft out for comment: open around `today` (`YYYY-MM-DD`), or closed long before it. */
export const consultationDraft = (title: string, today: string, stage: 'open' | 'closed') => {
  const shift = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    kind: 'regulation' as const,
    title,
    drafter: '市司法局',
    summary: '权限测试起草说明',
    bodyHtml: '<p>第一条　为了规范权限测试，制定本条例。</p>',
    opensOn: stage === 'open' ? shift(-1) : shift(-60),
    closesOn: stage === 'open' ? shift(20) : shift(-40),
  };
};

/** A comment from the public form on a consultation. */
export const commentForm = (body: string) => ({
  displayName: '',
  phone: '13812341234',
  email: '',
  body,
});
