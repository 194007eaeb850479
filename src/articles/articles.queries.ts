/** Types generated for queries found in "src/articles/articles.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type NumberOrString = number | string;

export type numberArray = (number)[];

/** 'Sections' parameters type */
export type ISectionsParams = void;

/** 'Sections' return type */
export interface ISectionsResult {
  section: string;
}

/** 'Sections' query type */
export interface ISectionsQuery {
  params: ISectionsParams;
  result: ISectionsResult;
}

const sectionsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT DISTINCT section AS \"section!\" FROM articles WHERE section IS NOT NULL ORDER BY 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT DISTINCT section AS "section!" FROM articles WHERE section IS NOT NULL ORDER BY 1
 * ```
 */
export const sections = new PreparedQuery<ISectionsParams,ISectionsResult>(sectionsIR);


/** 'PublishedSince' parameters type */
export interface IPublishedSinceParams {
  after: boolean;
  cursorAt?: DateOrString | null | void;
  cursorId?: number | null | void;
  limit: NumberOrString;
  since?: DateOrString | null | void;
}

/** 'PublishedSince' return type */
export interface IPublishedSinceResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'PublishedSince' query type */
export interface IPublishedSinceQuery {
  params: IPublishedSinceParams;
  result: IPublishedSinceResult;
}

const publishedSinceIR: any = {"usedParamSet":{"since":true,"after":true,"cursorAt":true,"cursorId":true,"limit":true},"params":[{"name":"since","required":false,"transform":{"type":"scalar"},"locs":[{"a":225,"b":230},{"a":271,"b":276},{"a":335,"b":340}]},{"name":"after","required":true,"transform":{"type":"scalar"},"locs":[{"a":299,"b":305}]},{"name":"cursorAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":364,"b":372},{"a":413,"b":421},{"a":455,"b":463}]},{"name":"cursorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":487,"b":495}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":546,"b":552}]}],"statement":"-- Newest first from since (after it, when after is set), continuing after the cursor.\nSELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles\nWHERE (:since::timestamptz IS NULL OR published_at > :since::timestamptz OR (NOT :after!::boolean AND published_at = :since::timestamptz))\n  AND (:cursorAt::timestamptz IS NULL OR published_at < :cursorAt::timestamptz OR (published_at = :cursorAt::timestamptz AND id < :cursorId::int))\nORDER BY published_at DESC, id DESC LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Newest first from since (after it, when after is set), continuing after the cursor.
 * SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles
 * WHERE (:since::timestamptz IS NULL OR published_at > :since::timestamptz OR (NOT :after!::boolean AND published_at = :since::timestamptz))
 *   AND (:cursorAt::timestamptz IS NULL OR published_at < :cursorAt::timestamptz OR (published_at = :cursorAt::timestamptz AND id < :cursorId::int))
 * ORDER BY published_at DESC, id DESC LIMIT :limit!
 * ```
 */
export const publishedSince = new PreparedQuery<IPublishedSinceParams,IPublishedSinceResult>(publishedSinceIR);


/** 'ByIds' parameters type */
export interface IByIdsParams {
  ids: Array<number | null>;
}

/** 'ByIds' return type */
export interface IByIdsResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'ByIds' query type */
export interface IByIdsQuery {
  params: IByIdsParams;
  result: IByIdsResult;
}

const byIdsIR: any = {"usedParamSet":{"ids":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":146,"b":150}]}],"statement":"SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE id = ANY(:ids!::int[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE id = ANY(:ids!::int[])
 * ```
 */
export const byIds = new PreparedQuery<IByIdsParams,IByIdsResult>(byIdsIR);


/** 'Browse' parameters type */
export interface IBrowseParams {
  cursorAt?: DateOrString | null | void;
  cursorId?: number | null | void;
  limit: NumberOrString;
  pattern?: string | null | void;
  section?: string | null | void;
}

/** 'Browse' return type */
export interface IBrowseResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'Browse' query type */
export interface IBrowseQuery {
  params: IBrowseParams;
  result: IBrowseResult;
}

const browseIR: any = {"usedParamSet":{"pattern":true,"section":true,"cursorAt":true,"cursorId":true,"limit":true},"params":[{"name":"pattern","required":false,"transform":{"type":"scalar"},"locs":[{"a":138,"b":145},{"a":176,"b":183}]},{"name":"section","required":false,"transform":{"type":"scalar"},"locs":[{"a":197,"b":204},{"a":233,"b":240}]},{"name":"cursorAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":256,"b":264},{"a":305,"b":313},{"a":347,"b":355}]},{"name":"cursorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":379,"b":387}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":438,"b":444}]}],"statement":"SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles\nWHERE (:pattern::text IS NULL OR title ILIKE :pattern::text) AND (:section::text IS NULL OR section = :section::text)\n  AND (:cursorAt::timestamptz IS NULL OR published_at < :cursorAt::timestamptz OR (published_at = :cursorAt::timestamptz AND id < :cursorId::int))\nORDER BY published_at DESC, id DESC LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles
 * WHERE (:pattern::text IS NULL OR title ILIKE :pattern::text) AND (:section::text IS NULL OR section = :section::text)
 *   AND (:cursorAt::timestamptz IS NULL OR published_at < :cursorAt::timestamptz OR (published_at = :cursorAt::timestamptz AND id < :cursorId::int))
 * ORDER BY published_at DESC, id DESC LIMIT :limit!
 * ```
 */
export const browse = new PreparedQuery<IBrowseParams,IBrowseResult>(browseIR);


/** 'CreatedSince' parameters type */
export interface ICreatedSinceParams {
  limit: NumberOrString;
  since: DateOrString;
}

/** 'CreatedSince' return type */
export interface ICreatedSinceResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'CreatedSince' query type */
export interface ICreatedSinceQuery {
  params: ICreatedSinceParams;
  result: ICreatedSinceResult;
}

const createdSinceIR: any = {"usedParamSet":{"since":true,"limit":true},"params":[{"name":"since","required":true,"transform":{"type":"scalar"},"locs":[{"a":151,"b":157}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":201,"b":207}]}],"statement":"SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles\nWHERE created_at >= :since! ORDER BY published_at DESC, id DESC LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles
 * WHERE created_at >= :since! ORDER BY published_at DESC, id DESC LIMIT :limit!
 * ```
 */
export const createdSince = new PreparedQuery<ICreatedSinceParams,ICreatedSinceResult>(createdSinceIR);


/** 'InsertArticle' parameters type */
export interface IInsertArticleParams {
  author?: string | null | void;
  guid?: string | null | void;
  imageUrl?: string | null | void;
  publishedAt: DateOrString;
  section?: string | null | void;
  sponsored: boolean;
  standfirst?: string | null | void;
  targetSectors?: Array<number | null> | null | void;
  title: string;
  topics: string;
  url: string;
}

/** 'InsertArticle' return type */
export interface IInsertArticleResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'InsertArticle' query type */
export interface IInsertArticleQuery {
  params: IInsertArticleParams;
  result: IInsertArticleResult;
}

const insertArticleIR: any = {"usedParamSet":{"url":true,"guid":true,"title":true,"standfirst":true,"author":true,"section":true,"topics":true,"imageUrl":true,"sponsored":true,"publishedAt":true,"targetSectors":true},"params":[{"name":"url","required":true,"transform":{"type":"scalar"},"locs":[{"a":161,"b":165}]},{"name":"guid","required":false,"transform":{"type":"scalar"},"locs":[{"a":168,"b":172}]},{"name":"title","required":true,"transform":{"type":"scalar"},"locs":[{"a":175,"b":181}]},{"name":"standfirst","required":false,"transform":{"type":"scalar"},"locs":[{"a":184,"b":194}]},{"name":"author","required":false,"transform":{"type":"scalar"},"locs":[{"a":197,"b":203}]},{"name":"section","required":false,"transform":{"type":"scalar"},"locs":[{"a":206,"b":213}]},{"name":"topics","required":true,"transform":{"type":"scalar"},"locs":[{"a":216,"b":223}]},{"name":"imageUrl","required":false,"transform":{"type":"scalar"},"locs":[{"a":226,"b":234}]},{"name":"sponsored","required":true,"transform":{"type":"scalar"},"locs":[{"a":237,"b":247}]},{"name":"publishedAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":250,"b":262}]},{"name":"targetSectors","required":false,"transform":{"type":"scalar"},"locs":[{"a":265,"b":278}]}],"statement":"INSERT INTO articles (url, guid, title, standfirst, author, section, topics, image_url, sponsored, published_at, target_sectors, created_at, updated_at)\nVALUES (:url!, :guid, :title!, :standfirst, :author, :section, :topics!, :imageUrl, :sponsored!, :publishedAt!, :targetSectors::int[], now(), now())\nON CONFLICT DO NOTHING\nRETURNING id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO articles (url, guid, title, standfirst, author, section, topics, image_url, sponsored, published_at, target_sectors, created_at, updated_at)
 * VALUES (:url!, :guid, :title!, :standfirst, :author, :section, :topics!, :imageUrl, :sponsored!, :publishedAt!, :targetSectors::int[], now(), now())
 * ON CONFLICT DO NOTHING
 * RETURNING id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at
 * ```
 */
export const insertArticle = new PreparedQuery<IInsertArticleParams,IInsertArticleResult>(insertArticleIR);


/** 'UpdateArticle' parameters type */
export interface IUpdateArticleParams {
  author?: string | null | void;
  guid?: string | null | void;
  id: number;
  imageUrl?: string | null | void;
  publishedAt: DateOrString;
  section?: string | null | void;
  sponsored: boolean;
  standfirst?: string | null | void;
  targetSectors?: Array<number | null> | null | void;
  title: string;
  topics: string;
  url: string;
}

/** 'UpdateArticle' return type */
export interface IUpdateArticleResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'UpdateArticle' query type */
export interface IUpdateArticleQuery {
  params: IUpdateArticleParams;
  result: IUpdateArticleResult;
}

const updateArticleIR: any = {"usedParamSet":{"url":true,"guid":true,"title":true,"standfirst":true,"author":true,"section":true,"topics":true,"imageUrl":true,"sponsored":true,"publishedAt":true,"targetSectors":true,"id":true},"params":[{"name":"url","required":true,"transform":{"type":"scalar"},"locs":[{"a":26,"b":30}]},{"name":"guid","required":false,"transform":{"type":"scalar"},"locs":[{"a":40,"b":44}]},{"name":"title","required":true,"transform":{"type":"scalar"},"locs":[{"a":55,"b":61}]},{"name":"standfirst","required":false,"transform":{"type":"scalar"},"locs":[{"a":77,"b":87}]},{"name":"author","required":false,"transform":{"type":"scalar"},"locs":[{"a":99,"b":105}]},{"name":"section","required":false,"transform":{"type":"scalar"},"locs":[{"a":118,"b":125}]},{"name":"topics","required":true,"transform":{"type":"scalar"},"locs":[{"a":137,"b":144}]},{"name":"imageUrl","required":false,"transform":{"type":"scalar"},"locs":[{"a":161,"b":169}]},{"name":"sponsored","required":true,"transform":{"type":"scalar"},"locs":[{"a":184,"b":194}]},{"name":"publishedAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":212,"b":224}]},{"name":"targetSectors","required":false,"transform":{"type":"scalar"},"locs":[{"a":244,"b":257}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":297,"b":300}]}],"statement":"UPDATE articles SET url = :url!, guid = :guid, title = :title!, standfirst = :standfirst, author = :author, section = :section, topics = :topics!,\n  image_url = :imageUrl, sponsored = :sponsored!, published_at = :publishedAt!, target_sectors = :targetSectors::int[], updated_at = now()\nWHERE id = :id!\nRETURNING id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE articles SET url = :url!, guid = :guid, title = :title!, standfirst = :standfirst, author = :author, section = :section, topics = :topics!,
 *   image_url = :imageUrl, sponsored = :sponsored!, published_at = :publishedAt!, target_sectors = :targetSectors::int[], updated_at = now()
 * WHERE id = :id!
 * RETURNING id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at
 * ```
 */
export const updateArticle = new PreparedQuery<IUpdateArticleParams,IUpdateArticleResult>(updateArticleIR);


/** 'ByGuidForUpdate' parameters type */
export interface IByGuidForUpdateParams {
  guid: string;
}

/** 'ByGuidForUpdate' return type */
export interface IByGuidForUpdateResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'ByGuidForUpdate' query type */
export interface IByGuidForUpdateQuery {
  params: IByGuidForUpdateParams;
  result: IByGuidForUpdateResult;
}

const byGuidForUpdateIR: any = {"usedParamSet":{"guid":true},"params":[{"name":"guid","required":true,"transform":{"type":"scalar"},"locs":[{"a":223,"b":228}]}],"statement":"-- Locked so that two imports of one feed cannot both update the same article.\nSELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE guid = :guid! FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * -- Locked so that two imports of one feed cannot both update the same article.
 * SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE guid = :guid! FOR UPDATE
 * ```
 */
export const byGuidForUpdate = new PreparedQuery<IByGuidForUpdateParams,IByGuidForUpdateResult>(byGuidForUpdateIR);


/** 'ByUrlForUpdate' parameters type */
export interface IByUrlForUpdateParams {
  url: string;
}

/** 'ByUrlForUpdate' return type */
export interface IByUrlForUpdateResult {
  author: string | null;
  guid: string | null;
  id: number;
  image_url: string | null;
  published_at: Date;
  section: string | null;
  sponsored: boolean;
  standfirst: string | null;
  target_sectors: numberArray | null;
  title: string;
  topics: string;
  url: string;
}

/** 'ByUrlForUpdate' query type */
export interface IByUrlForUpdateQuery {
  params: IByUrlForUpdateParams;
  result: IByUrlForUpdateResult;
}

const byUrlForUpdateIR: any = {"usedParamSet":{"url":true},"params":[{"name":"url","required":true,"transform":{"type":"scalar"},"locs":[{"a":143,"b":147}]}],"statement":"SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE url = :url! FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE url = :url! FOR UPDATE
 * ```
 */
export const byUrlForUpdate = new PreparedQuery<IByUrlForUpdateParams,IByUrlForUpdateResult>(byUrlForUpdateIR);


