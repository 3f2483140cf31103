import type { PolicyDocument, PolicyFields, ThemeTree, Validity } from '../core/index.js';
import type { CountedDocument, InterpretationKind } from '../core/index.js';

/** A site's policy-document settings: the 索引号 pattern and code, the theme tree, the 解读 grace days. */
export interface PolicySettings {
  readonly indexPattern: string;
  /** The organisation code `{code}` stands for (统一社会信用代码 or 组织机构代码). */
  readonly indexCode: string;
  readonly themes: ThemeTree;
  /** Days a 解读 may follow its document before the check warns. */
  readonly interpretationDays: number;
}

export interface PolicyRevision {
  readonly id: number;
  readonly articleId: number;
  readonly version: number;
  readonly fields: PolicyFields;
  readonly actorName: string;
  readonly note: string;
  readonly at: string;
}

export interface InterpretationLink {
  readonly policyId: number;
  readonly interpretationId: number;
  readonly kind: InterpretationKind;
}

/** What the catalogue filters on; every given filter applies. */
export interface CatalogueQuery {
  readonly siteId: number;
  /** A theme path: `一级` takes its second levels too. */
  readonly theme?: string;
  readonly issuer?: string;
  readonly genre?: string;
  readonly year?: number;
  readonly validity?: Validity;
  /** Only these articles (the hits of a full-text search). */
  readonly articleIds?: readonly number[];
  readonly order: 'newest' | 'oldest';
  readonly limit: number;
  readonly offset: number;
}

/** One published, 主动公开 policy document of the catalogue. */
export interface CatalogueRow extends PolicyDocument {
  readonly title: string;
  readonly path: string;
  readonly columnId: number;
  /** The article's publication instant (ISO). */
  readonly articlePublishedAt: string;
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export type CatalogueFacet = 'theme' | 'issuer' | 'genre' | 'year';

export interface PolicyRepo {
  get(articleId: number): Promise<PolicyDocument | undefined>;
  getMany(articleIds: readonly number[]): Promise<PolicyDocument[]>;
  /**
   * Creates (expectedVersion null) or updates the fields if the stored version is still `expectedVersion`
   * (`GZ_VERSION_CONFLICT` otherwise); the catalogue's facet rows follow.
   */
  save(
    articleId: number,
    siteId: number,
    fields: PolicyFields,
    expectedVersion: number | null,
    now: string,
  ): Promise<PolicyDocument>;
  /** The article that holds the 索引号 in the site, if any. */
  findByIndexNumber(siteId: number, indexNumber: string): Promise<number | undefined>;
  /** Documents this one repealed or amended. */
  listReplacedBy(articleId: number): Promise<PolicyDocument[]>;
  /** The next number of the site's yearly 索引号 sequence (counted once, also when not used). */
  nextSequence(siteId: number, year: number): Promise<number>;
  settings(siteId: number): Promise<PolicySettings | undefined>;
  saveSettings(siteId: number, settings: PolicySettings, now: string): Promise<void>;
  addRevision(
    revision: Omit<PolicyRevision, 'id' | 'at'> & { readonly actorId: number | null },
    now: string,
  ): Promise<void>;
  listRevisions(articleId: number): Promise<PolicyRevision[]>;
  link(link: InterpretationLink, siteId: number, now: string): Promise<void>;
  unlink(policyId: number, interpretationId: number): Promise<boolean>;
  /** Links where the article is the document or the 解读. */
  linksOf(articleId: number): Promise<InterpretationLink[]>;
  catalogue(query: CatalogueQuery): Promise<{ readonly total: number; readonly rows: CatalogueRow[] }>;
  /** The 规章 and 行政规范性文件 of the site that are published and 主动公开: what table 二 counts. */
  countedDocuments(siteId: number): Promise<CountedDocument[]>;
  /** Published 主动公开 documents per value of a facet (themes: first level and `一级/二级`). */
  facetCounts(siteId: number, facet: CatalogueFacet): Promise<FacetCount[]>;
}
