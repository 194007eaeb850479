/** Types generated for queries found in "src/editions/editions.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'LockNewsletter' parameters type */
export interface ILockNewsletterParams {
  newsletterId: number;
}

/** 'LockNewsletter' return type */
export interface ILockNewsletterResult {
  pg_advisory_xact_lock: undefined | null;
}

/** 'LockNewsletter' query type */
export interface ILockNewsletterQuery {
  params: ILockNewsletterParams;
  result: ILockNewsletterResult;
}

const lockNewsletterIR: any = {"usedParamSet":{"newsletterId":true},"params":[{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":58,"b":71}]}],"statement":"SELECT pg_advisory_xact_lock(hashtext('compose-edition'), :newsletterId!)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT pg_advisory_xact_lock(hashtext('compose-edition'), :newsletterId!)
 * ```
 */
export const lockNewsletter = new PreparedQuery<ILockNewsletterParams,ILockNewsletterResult>(lockNewsletterIR);


/** 'InsertDraft' parameters type */
export interface IInsertDraftParams {
  articleIds: Array<number | null>;
  audienceSectors?: Array<number | null> | null | void;
  newsletterId: number;
  note?: string | null | void;
  noteSignedBy?: number | null | void;
  origin: string;
  preheader?: string | null | void;
  preheaderAuto: boolean;
  subject: string;
  subjectAuto: boolean;
}

/** 'InsertDraft' return type */
export interface IInsertDraftResult {
  id: number;
}

/** 'InsertDraft' query type */
export interface IInsertDraftQuery {
  params: IInsertDraftParams;
  result: IInsertDraftResult;
}

const insertDraftIR: any = {"usedParamSet":{"newsletterId":true,"subject":true,"preheader":true,"subjectAuto":true,"preheaderAuto":true,"note":true,"noteSignedBy":true,"origin":true,"audienceSectors":true,"articleIds":true},"params":[{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":197,"b":210}]},{"name":"subject","required":true,"transform":{"type":"scalar"},"locs":[{"a":213,"b":221}]},{"name":"preheader","required":false,"transform":{"type":"scalar"},"locs":[{"a":224,"b":233}]},{"name":"subjectAuto","required":true,"transform":{"type":"scalar"},"locs":[{"a":236,"b":248}]},{"name":"preheaderAuto","required":true,"transform":{"type":"scalar"},"locs":[{"a":251,"b":265}]},{"name":"note","required":false,"transform":{"type":"scalar"},"locs":[{"a":268,"b":272}]},{"name":"noteSignedBy","required":false,"transform":{"type":"scalar"},"locs":[{"a":275,"b":287}]},{"name":"origin","required":true,"transform":{"type":"scalar"},"locs":[{"a":299,"b":306}]},{"name":"audienceSectors","required":false,"transform":{"type":"scalar"},"locs":[{"a":309,"b":324}]},{"name":"articleIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":507,"b":518}]}],"statement":"WITH edition AS (\n  INSERT INTO editions (newsletter_id, subject, preheader, subject_auto, preheader_auto, note, note_signed_by, status, origin, audience_sectors, created_at, updated_at)\n  VALUES (:newsletterId!, :subject!, :preheader, :subjectAuto!, :preheaderAuto!, :note, :noteSignedBy, 'draft', :origin!, :audienceSectors::int[], now(), now()) RETURNING id\n), articles AS (\n  INSERT INTO edition_articles (edition_id, article_id, position)\n  SELECT edition.id, a.id, a.position - 1 FROM edition, unnest(:articleIds!::int[]) WITH ORDINALITY AS a(id, position)\n)\nSELECT id FROM edition"};

/**
 * Query generated from SQL:
 * ```
 * WITH edition AS (
 *   INSERT INTO editions (newsletter_id, subject, preheader, subject_auto, preheader_auto, note, note_signed_by, status, origin, audience_sectors, created_at, updated_at)
 *   VALUES (:newsletterId!, :subject!, :preheader, :subjectAuto!, :preheaderAuto!, :note, :noteSignedBy, 'draft', :origin!, :audienceSectors::int[], now(), now()) RETURNING id
 * ), articles AS (
 *   INSERT INTO edition_articles (edition_id, article_id, position)
 *   SELECT edition.id, a.id, a.position - 1 FROM edition, unnest(:articleIds!::int[]) WITH ORDINALITY AS a(id, position)
 * )
 * SELECT id FROM edition
 * ```
 */
export const insertDraft = new PreparedQuery<IInsertDraftParams,IInsertDraftResult>(insertDraftIR);


/** 'UpdateDraft' parameters type */
export interface IUpdateDraftParams {
  audienceSectors?: Array<number | null> | null | void;
  id: number;
  note?: string | null | void;
  noteSignedBy?: number | null | void;
  preheader?: string | null | void;
  preheaderAuto?: boolean | null | void;
  setAudience: boolean;
  setNote: boolean;
  setPreheader: boolean;
  subject?: string | null | void;
  subjectAuto?: boolean | null | void;
}

/** 'UpdateDraft' return type */
export type IUpdateDraftResult = void;

/** 'UpdateDraft' query type */
export interface IUpdateDraftQuery {
  params: IUpdateDraftParams;
  result: IUpdateDraftResult;
}

const updateDraftIR: any = {"usedParamSet":{"subject":true,"setPreheader":true,"preheader":true,"subjectAuto":true,"preheaderAuto":true,"setNote":true,"note":true,"noteSignedBy":true,"setAudience":true,"audienceSectors":true,"id":true},"params":[{"name":"subject","required":false,"transform":{"type":"scalar"},"locs":[{"a":39,"b":46}]},{"name":"setPreheader","required":true,"transform":{"type":"scalar"},"locs":[{"a":81,"b":94}]},{"name":"preheader","required":false,"transform":{"type":"scalar"},"locs":[{"a":110,"b":119}]},{"name":"subjectAuto","required":false,"transform":{"type":"scalar"},"locs":[{"a":167,"b":178}]},{"name":"preheaderAuto","required":false,"transform":{"type":"scalar"},"locs":[{"a":222,"b":235}]},{"name":"setNote","required":true,"transform":{"type":"scalar"},"locs":[{"a":274,"b":282},{"a":346,"b":354}]},{"name":"note","required":false,"transform":{"type":"scalar"},"locs":[{"a":298,"b":302}]},{"name":"noteSignedBy","required":false,"transform":{"type":"scalar"},"locs":[{"a":370,"b":382}]},{"name":"setAudience","required":true,"transform":{"type":"scalar"},"locs":[{"a":445,"b":457}]},{"name":"audienceSectors","required":false,"transform":{"type":"scalar"},"locs":[{"a":473,"b":488}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":554,"b":557}]}],"statement":"UPDATE editions SET subject = coalesce(:subject, subject), preheader = CASE WHEN :setPreheader!::boolean THEN :preheader ELSE preheader END,\n  subject_auto = coalesce(:subjectAuto, subject_auto), preheader_auto = coalesce(:preheaderAuto, preheader_auto),\n  note = CASE WHEN :setNote!::boolean THEN :note ELSE note END, note_signed_by = CASE WHEN :setNote!::boolean THEN :noteSignedBy::int ELSE note_signed_by END,\n  audience_sectors = CASE WHEN :setAudience!::boolean THEN :audienceSectors::int[] ELSE audience_sectors END, updated_at = now()\nWHERE id = :id! AND status = 'draft'"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editions SET subject = coalesce(:subject, subject), preheader = CASE WHEN :setPreheader!::boolean THEN :preheader ELSE preheader END,
 *   subject_auto = coalesce(:subjectAuto, subject_auto), preheader_auto = coalesce(:preheaderAuto, preheader_auto),
 *   note = CASE WHEN :setNote!::boolean THEN :note ELSE note END, note_signed_by = CASE WHEN :setNote!::boolean THEN :noteSignedBy::int ELSE note_signed_by END,
 *   audience_sectors = CASE WHEN :setAudience!::boolean THEN :audienceSectors::int[] ELSE audience_sectors END, updated_at = now()
 * WHERE id = :id! AND status = 'draft'
 * ```
 */
export const updateDraft = new PreparedQuery<IUpdateDraftParams,IUpdateDraftResult>(updateDraftIR);


/** 'ClearArticles' parameters type */
export interface IClearArticlesParams {
  id: number;
}

/** 'ClearArticles' return type */
export type IClearArticlesResult = void;

/** 'ClearArticles' query type */
export interface IClearArticlesQuery {
  params: IClearArticlesParams;
  result: IClearArticlesResult;
}

const clearArticlesIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":48,"b":51}]}],"statement":"DELETE FROM edition_articles WHERE edition_id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM edition_articles WHERE edition_id = :id!
 * ```
 */
export const clearArticles = new PreparedQuery<IClearArticlesParams,IClearArticlesResult>(clearArticlesIR);


/** 'SetArticles' parameters type */
export interface ISetArticlesParams {
  articleIds: Array<number | null>;
  id: number;
}

/** 'SetArticles' return type */
export type ISetArticlesResult = void;

/** 'SetArticles' query type */
export interface ISetArticlesQuery {
  params: ISetArticlesParams;
  result: ISetArticlesResult;
}

const setArticlesIR: any = {"usedParamSet":{"id":true,"articleIds":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":71,"b":74}]},{"name":"articleIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":110,"b":121}]}],"statement":"INSERT INTO edition_articles (edition_id, article_id, position)\nSELECT :id!, a.id, a.position - 1 FROM unnest(:articleIds!::int[]) WITH ORDINALITY AS a(id, position)"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO edition_articles (edition_id, article_id, position)
 * SELECT :id!, a.id, a.position - 1 FROM unnest(:articleIds!::int[]) WITH ORDINALITY AS a(id, position)
 * ```
 */
export const setArticles = new PreparedQuery<ISetArticlesParams,ISetArticlesResult>(setArticlesIR);


/** 'LastSentAt' parameters type */
export interface ILastSentAtParams {
  newsletterId: number;
}

/** 'LastSentAt' return type */
export interface ILastSentAtResult {
  since: Date | null;
}

/** 'LastSentAt' query type */
export interface ILastSentAtQuery {
  params: ILastSentAtParams;
  result: ILastSentAtResult;
}

const lastSentAtIR: any = {"usedParamSet":{"newsletterId":true},"params":[{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":68,"b":81}]}],"statement":"SELECT max(created_at) AS since FROM editions WHERE newsletter_id = :newsletterId! AND status IN ('sending', 'paused', 'sent')"};

/**
 * Query generated from SQL:
 * ```
 * SELECT max(created_at) AS since FROM editions WHERE newsletter_id = :newsletterId! AND status IN ('sending', 'paused', 'sent')
 * ```
 */
export const lastSentAt = new PreparedQuery<ILastSentAtParams,ILastSentAtResult>(lastSentAtIR);


/** 'ArticlesTaken' parameters type */
export interface IArticlesTakenParams {
  articleIds: Array<number | null>;
  newsletterId: number;
}

/** 'ArticlesTaken' return type */
export interface IArticlesTakenResult {
  article_id: number;
}

/** 'ArticlesTaken' query type */
export interface IArticlesTakenQuery {
  params: IArticlesTakenParams;
  result: IArticlesTakenResult;
}

const articlesTakenIR: any = {"usedParamSet":{"articleIds":true,"newsletterId":true},"params":[{"name":"articleIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":121,"b":132}]},{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":164,"b":177}]}],"statement":"SELECT DISTINCT ea.article_id FROM edition_articles ea JOIN editions e ON e.id = ea.edition_id\nWHERE ea.article_id = ANY(:articleIds!::int[]) AND e.newsletter_id = :newsletterId! AND e.status NOT IN ('cancelled', 'failed')"};

/**
 * Query generated from SQL:
 * ```
 * SELECT DISTINCT ea.article_id FROM edition_articles ea JOIN editions e ON e.id = ea.edition_id
 * WHERE ea.article_id = ANY(:articleIds!::int[]) AND e.newsletter_id = :newsletterId! AND e.status NOT IN ('cancelled', 'failed')
 * ```
 */
export const articlesTaken = new PreparedQuery<IArticlesTakenParams,IArticlesTakenResult>(articlesTakenIR);


/** 'ArticleIds' parameters type */
export interface IArticleIdsParams {
  editionId: number;
}

/** 'ArticleIds' return type */
export interface IArticleIdsResult {
  article_id: number;
}

/** 'ArticleIds' query type */
export interface IArticleIdsQuery {
  params: IArticleIdsParams;
  result: IArticleIdsResult;
}

const articleIdsIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":59,"b":69}]}],"statement":"SELECT article_id FROM edition_articles WHERE edition_id = :editionId! ORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT article_id FROM edition_articles WHERE edition_id = :editionId! ORDER BY position
 * ```
 */
export const articleIds = new PreparedQuery<IArticleIdsParams,IArticleIdsResult>(articleIdsIR);


/** 'FailDraft' parameters type */
export interface IFailDraftParams {
  error: string;
  id: number;
}

/** 'FailDraft' return type */
export type IFailDraftResult = void;

/** 'FailDraft' query type */
export interface IFailDraftQuery {
  params: IFailDraftParams;
  result: IFailDraftResult;
}

const failDraftIR: any = {"usedParamSet":{"error":true,"id":true},"params":[{"name":"error","required":true,"transform":{"type":"scalar"},"locs":[{"a":47,"b":53}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":86,"b":89}]}],"statement":"UPDATE editions SET status = 'failed', error = :error!, updated_at = now() WHERE id = :id! AND status = 'draft'"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editions SET status = 'failed', error = :error!, updated_at = now() WHERE id = :id! AND status = 'draft'
 * ```
 */
export const failDraft = new PreparedQuery<IFailDraftParams,IFailDraftResult>(failDraftIR);


/** 'StartSending' parameters type */
export interface IStartSendingParams {
  html: string;
  id: number;
  messageIdSalt: string;
  nonce: string;
  text: string;
  webHtml?: string | null | void;
}

/** 'StartSending' return type */
export type IStartSendingResult = void;

/** 'StartSending' query type */
export interface IStartSendingQuery {
  params: IStartSendingParams;
  result: IStartSendingResult;
}

const startSendingIR: any = {"usedParamSet":{"html":true,"text":true,"nonce":true,"webHtml":true,"messageIdSalt":true,"id":true},"params":[{"name":"html","required":true,"transform":{"type":"scalar"},"locs":[{"a":47,"b":52}]},{"name":"text","required":true,"transform":{"type":"scalar"},"locs":[{"a":62,"b":67}]},{"name":"nonce","required":true,"transform":{"type":"scalar"},"locs":[{"a":90,"b":96}]},{"name":"webHtml","required":false,"transform":{"type":"scalar"},"locs":[{"a":110,"b":117}]},{"name":"messageIdSalt","required":true,"transform":{"type":"scalar"},"locs":[{"a":138,"b":152}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":205,"b":208}]}],"statement":"UPDATE editions SET status = 'sending', html = :html!, text = :text!, placeholder_nonce = :nonce!, web_html = :webHtml, message_id_salt = :messageIdSalt!, started_at = now(), updated_at = now()\nWHERE id = :id! AND status = 'draft'"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editions SET status = 'sending', html = :html!, text = :text!, placeholder_nonce = :nonce!, web_html = :webHtml, message_id_salt = :messageIdSalt!, started_at = now(), updated_at = now()
 * WHERE id = :id! AND status = 'draft'
 * ```
 */
export const startSending = new PreparedQuery<IStartSendingParams,IStartSendingResult>(startSendingIR);


/** 'SaveSegments' parameters type */
export interface ISaveSegmentsParams {
  id: number;
  segments: Json;
}

/** 'SaveSegments' return type */
export type ISaveSegmentsResult = void;

/** 'SaveSegments' query type */
export interface ISaveSegmentsQuery {
  params: ISaveSegmentsParams;
  result: ISaveSegmentsResult;
}

const saveSegmentsIR: any = {"usedParamSet":{"id":true,"segments":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":95,"b":98}]},{"name":"segments","required":true,"transform":{"type":"scalar"},"locs":[{"a":266,"b":275}]}],"statement":"INSERT INTO edition_segments (edition_id, segment, partner_ids, sector_ids, html, text)\nSELECT :id!, s.segment, ARRAY(SELECT jsonb_array_elements_text(s.partners)::int), ARRAY(SELECT jsonb_array_elements_text(s.sectors)::int), s.html, s.text\nFROM jsonb_to_recordset(:segments!::jsonb) AS s(segment int, partners jsonb, sectors jsonb, html text, text text)"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO edition_segments (edition_id, segment, partner_ids, sector_ids, html, text)
 * SELECT :id!, s.segment, ARRAY(SELECT jsonb_array_elements_text(s.partners)::int), ARRAY(SELECT jsonb_array_elements_text(s.sectors)::int), s.html, s.text
 * FROM jsonb_to_recordset(:segments!::jsonb) AS s(segment int, partners jsonb, sectors jsonb, html text, text text)
 * ```
 */
export const saveSegments = new PreparedQuery<ISaveSegmentsParams,ISaveSegmentsResult>(saveSegmentsIR);


/** 'SegmentSectors' parameters type */
export interface ISegmentSectorsParams {
  id: number;
}

/** 'SegmentSectors' return type */
export interface ISegmentSectorsResult {
  sectorIds: numberArray;
  segment: number;
}

/** 'SegmentSectors' query type */
export interface ISegmentSectorsQuery {
  params: ISegmentSectorsParams;
  result: ISegmentSectorsResult;
}

const segmentSectorsIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":83,"b":86}]}],"statement":"SELECT segment, sector_ids AS \"sectorIds\" FROM edition_segments WHERE edition_id = :id! ORDER BY segment"};

/**
 * Query generated from SQL:
 * ```
 * SELECT segment, sector_ids AS "sectorIds" FROM edition_segments WHERE edition_id = :id! ORDER BY segment
 * ```
 */
export const segmentSectors = new PreparedQuery<ISegmentSectorsParams,ISegmentSectorsResult>(segmentSectorsIR);


/** 'Segments' parameters type */
export interface ISegmentsParams {
  id: number;
}

/** 'Segments' return type */
export interface ISegmentsResult {
  html: string;
  partnerIds: numberArray;
  sectorIds: numberArray;
  segment: number;
  text: string;
}

/** 'Segments' query type */
export interface ISegmentsQuery {
  params: ISegmentsParams;
  result: ISegmentsResult;
}

const segmentsIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":124,"b":127}]}],"statement":"SELECT segment, sector_ids AS \"sectorIds\", partner_ids AS \"partnerIds\", html, text FROM edition_segments WHERE edition_id = :id! ORDER BY segment"};

/**
 * Query generated from SQL:
 * ```
 * SELECT segment, sector_ids AS "sectorIds", partner_ids AS "partnerIds", html, text FROM edition_segments WHERE edition_id = :id! ORDER BY segment
 * ```
 */
export const segments = new PreparedQuery<ISegmentsParams,ISegmentsResult>(segmentsIR);


/** 'Status' parameters type */
export interface IStatusParams {
  id: number;
}

/** 'Status' return type */
export interface IStatusResult {
  status: string;
}

/** 'Status' query type */
export interface IStatusQuery {
  params: IStatusParams;
  result: IStatusResult;
}

const statusIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":42}]}],"statement":"SELECT status FROM editions WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT status FROM editions WHERE id = :id!
 * ```
 */
export const status = new PreparedQuery<IStatusParams,IStatusResult>(statusIR);


/** 'SendingIds' parameters type */
export type ISendingIdsParams = void;

/** 'SendingIds' return type */
export interface ISendingIdsResult {
  id: number;
}

/** 'SendingIds' query type */
export interface ISendingIdsQuery {
  params: ISendingIdsParams;
  result: ISendingIdsResult;
}

const sendingIdsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id FROM editions WHERE status = 'sending' ORDER BY id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM editions WHERE status = 'sending' ORDER BY id
 * ```
 */
export const sendingIds = new PreparedQuery<ISendingIdsParams,ISendingIdsResult>(sendingIdsIR);


/** 'MarkSent' parameters type */
export interface IMarkSentParams {
  id: number;
}

/** 'MarkSent' return type */
export type IMarkSentResult = void;

/** 'MarkSent' query type */
export interface IMarkSentQuery {
  params: IMarkSentParams;
  result: IMarkSentResult;
}

const markSentIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":88,"b":91}]}],"statement":"UPDATE editions SET status = 'sent', finished_at = now(), updated_at = now() WHERE id = :id! AND status = 'sending'"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editions SET status = 'sent', finished_at = now(), updated_at = now() WHERE id = :id! AND status = 'sending'
 * ```
 */
export const markSent = new PreparedQuery<IMarkSentParams,IMarkSentResult>(markSentIR);


/** 'Rendered' parameters type */
export interface IRenderedParams {
  id: number;
}

/** 'Rendered' return type */
export interface IRenderedResult {
  html: string;
  id: number;
  messageIdSalt: string | null;
  newsletterId: number;
  newsletterName: string;
  newsletterSlug: string;
  placeholderNonce: string;
  subject: string;
  text: string;
}

/** 'Rendered' query type */
export interface IRenderedQuery {
  params: IRenderedParams;
  result: IRenderedResult;
}

const renderedIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":315,"b":318}]}],"statement":"SELECT e.id, e.newsletter_id AS \"newsletterId\", n.slug AS \"newsletterSlug\", n.name AS \"newsletterName\", e.subject, e.html AS \"html!\", e.text AS \"text!\",\n       e.placeholder_nonce AS \"placeholderNonce!\", e.message_id_salt AS \"messageIdSalt\"\nFROM editions e JOIN newsletters n ON n.id = e.newsletter_id WHERE e.id = :id! AND e.html IS NOT NULL"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.id, e.newsletter_id AS "newsletterId", n.slug AS "newsletterSlug", n.name AS "newsletterName", e.subject, e.html AS "html!", e.text AS "text!",
 *        e.placeholder_nonce AS "placeholderNonce!", e.message_id_salt AS "messageIdSalt"
 * FROM editions e JOIN newsletters n ON n.id = e.newsletter_id WHERE e.id = :id! AND e.html IS NOT NULL
 * ```
 */
export const rendered = new PreparedQuery<IRenderedParams,IRenderedResult>(renderedIR);


/** 'SetInArchive' parameters type */
export interface ISetInArchiveParams {
  id: number;
  inArchive: boolean;
}

/** 'SetInArchive' return type */
export type ISetInArchiveResult = void;

/** 'SetInArchive' query type */
export interface ISetInArchiveQuery {
  params: ISetInArchiveParams;
  result: ISetInArchiveResult;
}

const setInArchiveIR: any = {"usedParamSet":{"inArchive":true,"id":true},"params":[{"name":"inArchive","required":true,"transform":{"type":"scalar"},"locs":[{"a":33,"b":43}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":76,"b":79}]}],"statement":"UPDATE editions SET in_archive = :inArchive!, updated_at = now() WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editions SET in_archive = :inArchive!, updated_at = now() WHERE id = :id!
 * ```
 */
export const setInArchive = new PreparedQuery<ISetInArchiveParams,ISetInArchiveResult>(setInArchiveIR);


/** 'Find' parameters type */
export interface IFindParams {
  id: number;
}

/** 'Find' return type */
export interface IFindResult {
  audienceSectors: numberArray | null;
  createdAt: Date;
  error: string | null;
  finishedAt: Date | null;
  html: string | null;
  id: number;
  inArchive: boolean;
  messageIdSalt: string | null;
  newsletterId: number;
  note: string | null;
  noteSignedBy: number | null;
  origin: string;
  placeholderNonce: string | null;
  preheader: string | null;
  preheaderAuto: boolean;
  startedAt: Date | null;
  status: string;
  subject: string;
  subjectAuto: boolean;
  text: string | null;
  updatedAt: Date;
  webHtml: string | null;
}

/** 'Find' query type */
export interface IFindQuery {
  params: IFindParams;
  result: IFindResult;
}

const findIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":526,"b":529}]}],"statement":"SELECT id, newsletter_id AS \"newsletterId\", subject, preheader, subject_auto AS \"subjectAuto\", preheader_auto AS \"preheaderAuto\", note, note_signed_by AS \"noteSignedBy\",\n       status, origin, html, text, web_html AS \"webHtml\", in_archive AS \"inArchive\",\n       audience_sectors AS \"audienceSectors\", placeholder_nonce AS \"placeholderNonce\", message_id_salt AS \"messageIdSalt\", error,\n       started_at AS \"startedAt\", finished_at AS \"finishedAt\", created_at AS \"createdAt\", updated_at AS \"updatedAt\"\nFROM editions WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, newsletter_id AS "newsletterId", subject, preheader, subject_auto AS "subjectAuto", preheader_auto AS "preheaderAuto", note, note_signed_by AS "noteSignedBy",
 *        status, origin, html, text, web_html AS "webHtml", in_archive AS "inArchive",
 *        audience_sectors AS "audienceSectors", placeholder_nonce AS "placeholderNonce", message_id_salt AS "messageIdSalt", error,
 *        started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt", updated_at AS "updatedAt"
 * FROM editions WHERE id = :id!
 * ```
 */
export const find = new PreparedQuery<IFindParams,IFindResult>(findIR);


/** 'List' parameters type */
export interface IListParams {
  before?: number | null | void;
  limit: NumberOrString;
  newsletterId?: number | null | void;
  status?: string | null | void;
}

/** 'List' return type */
export interface IListResult {
  audienceSectors: numberArray | null;
  createdAt: Date;
  error: string | null;
  finishedAt: Date | null;
  html: string | null;
  id: number;
  inArchive: boolean;
  messageIdSalt: string | null;
  newsletterId: number;
  note: string | null;
  noteSignedBy: number | null;
  origin: string;
  placeholderNonce: string | null;
  preheader: string | null;
  preheaderAuto: boolean;
  startedAt: Date | null;
  status: string;
  subject: string;
  subjectAuto: boolean;
  text: string | null;
  updatedAt: Date;
  webHtml: string | null;
}

/** 'List' query type */
export interface IListQuery {
  params: IListParams;
  result: IListResult;
}

const listIR: any = {"usedParamSet":{"newsletterId":true,"status":true,"before":true,"limit":true},"params":[{"name":"newsletterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":657,"b":669},{"a":703,"b":715}]},{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":728,"b":734},{"a":765,"b":771}]},{"name":"before","required":false,"transform":{"type":"scalar"},"locs":[{"a":790,"b":796},{"a":819,"b":825}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":856,"b":862}]}],"statement":"-- A page of editions, newest first, after the edition before (keyset on id). The rendering is left out.\nSELECT id, newsletter_id AS \"newsletterId\", subject, preheader, subject_auto AS \"subjectAuto\", preheader_auto AS \"preheaderAuto\", note, note_signed_by AS \"noteSignedBy\",\n       status, origin, NULL::text AS html, NULL::text AS text, NULL::text AS \"webHtml\",\n       in_archive AS \"inArchive\", audience_sectors AS \"audienceSectors\", placeholder_nonce AS \"placeholderNonce\", message_id_salt AS \"messageIdSalt\",\n       error, started_at AS \"startedAt\", finished_at AS \"finishedAt\", created_at AS \"createdAt\", updated_at AS \"updatedAt\"\nFROM editions\nWHERE (:newsletterId::int IS NULL OR newsletter_id = :newsletterId::int) AND (:status::varchar IS NULL OR status = :status::varchar)\n  AND (:before::int IS NULL OR id < :before::int)\nORDER BY id DESC LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- A page of editions, newest first, after the edition before (keyset on id). The rendering is left out.
 * SELECT id, newsletter_id AS "newsletterId", subject, preheader, subject_auto AS "subjectAuto", preheader_auto AS "preheaderAuto", note, note_signed_by AS "noteSignedBy",
 *        status, origin, NULL::text AS html, NULL::text AS text, NULL::text AS "webHtml",
 *        in_archive AS "inArchive", audience_sectors AS "audienceSectors", placeholder_nonce AS "placeholderNonce", message_id_salt AS "messageIdSalt",
 *        error, started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt", updated_at AS "updatedAt"
 * FROM editions
 * WHERE (:newsletterId::int IS NULL OR newsletter_id = :newsletterId::int) AND (:status::varchar IS NULL OR status = :status::varchar)
 *   AND (:before::int IS NULL OR id < :before::int)
 * ORDER BY id DESC LIMIT :limit!
 * ```
 */
export const list = new PreparedQuery<IListParams,IListResult>(listIR);


/** 'Transition' parameters type */
export interface ITransitionParams {
  from: Array<string | null>;
  id: number;
  to: string;
}

/** 'Transition' return type */
export type ITransitionResult = void;

/** 'Transition' query type */
export interface ITransitionQuery {
  params: ITransitionParams;
  result: ITransitionResult;
}

const transitionIR: any = {"usedParamSet":{"to":true,"id":true,"from":true},"params":[{"name":"to","required":true,"transform":{"type":"scalar"},"locs":[{"a":29,"b":32},{"a":88,"b":91}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":159,"b":162}]},{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":181,"b":186}]}],"statement":"UPDATE editions SET status = :to!::varchar, updated_at = now(), finished_at = CASE WHEN :to!::varchar = 'cancelled' THEN now() ELSE finished_at END\nWHERE id = :id! AND status = ANY(:from!::text[])"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editions SET status = :to!::varchar, updated_at = now(), finished_at = CASE WHEN :to!::varchar = 'cancelled' THEN now() ELSE finished_at END
 * WHERE id = :id! AND status = ANY(:from!::text[])
 * ```
 */
export const transition = new PreparedQuery<ITransitionParams,ITransitionResult>(transitionIR);


/** 'LatestSent' parameters type */
export type ILatestSentParams = void;

/** 'LatestSent' return type */
export interface ILatestSentResult {
  createdAt: Date;
  finishedAt: Date | null;
  id: number;
  newsletterId: number;
  startedAt: Date | null;
  status: string;
  subject: string;
}

/** 'LatestSent' query type */
export interface ILatestSentQuery {
  params: ILatestSentParams;
  result: ILatestSentResult;
}

const latestSentIR: any = {"usedParamSet":{},"params":[],"statement":"-- Each newsletter's most recent edition that went out, or started to.\nSELECT DISTINCT ON (newsletter_id) id, newsletter_id AS \"newsletterId\", subject, status, started_at AS \"startedAt\", finished_at AS \"finishedAt\", created_at AS \"createdAt\"\nFROM editions WHERE status <> 'draft'\nORDER BY newsletter_id, created_at DESC"};

/**
 * Query generated from SQL:
 * ```
 * -- Each newsletter's most recent edition that went out, or started to.
 * SELECT DISTINCT ON (newsletter_id) id, newsletter_id AS "newsletterId", subject, status, started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt"
 * FROM editions WHERE status <> 'draft'
 * ORDER BY newsletter_id, created_at DESC
 * ```
 */
export const latestSent = new PreparedQuery<ILatestSentParams,ILatestSentResult>(latestSentIR);


/** 'ArchivePage' parameters type */
export interface IArchivePageParams {
  before?: number | null | void;
  limit: NumberOrString;
  newsletterId: number;
}

/** 'ArchivePage' return type */
export interface IArchivePageResult {
  id: number;
  preheader: string | null;
  startedAt: Date;
  subject: string;
}

/** 'ArchivePage' query type */
export interface IArchivePageQuery {
  params: IArchivePageParams;
  result: IArchivePageResult;
}

const archivePageIR: any = {"usedParamSet":{"newsletterId":true,"before":true,"limit":true},"params":[{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":208,"b":221}]},{"name":"before","required":false,"transform":{"type":"scalar"},"locs":[{"a":349,"b":355},{"a":452,"b":458}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":511,"b":517}]}],"statement":"-- In the archive once sending started (readers already hold the link), unless an editor kept it out.\nSELECT e.id, e.subject, e.preheader, e.started_at AS \"startedAt!\" FROM editions e\nWHERE e.newsletter_id = :newsletterId! AND e.in_archive AND e.web_html IS NOT NULL AND e.started_at IS NOT NULL AND e.status IN ('sending', 'paused', 'sent')\n  AND (:before::int IS NULL OR (e.started_at, e.id) < (SELECT b.started_at, b.id FROM editions b WHERE b.id = :before::int))\nORDER BY e.started_at DESC, e.id DESC LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- In the archive once sending started (readers already hold the link), unless an editor kept it out.
 * SELECT e.id, e.subject, e.preheader, e.started_at AS "startedAt!" FROM editions e
 * WHERE e.newsletter_id = :newsletterId! AND e.in_archive AND e.web_html IS NOT NULL AND e.started_at IS NOT NULL AND e.status IN ('sending', 'paused', 'sent')
 *   AND (:before::int IS NULL OR (e.started_at, e.id) < (SELECT b.started_at, b.id FROM editions b WHERE b.id = :before::int))
 * ORDER BY e.started_at DESC, e.id DESC LIMIT :limit!
 * ```
 */
export const archivePage = new PreparedQuery<IArchivePageParams,IArchivePageResult>(archivePageIR);


/** 'ArchivedWebHtml' parameters type */
export interface IArchivedWebHtmlParams {
  id: number;
  newsletterId: number;
}

/** 'ArchivedWebHtml' return type */
export interface IArchivedWebHtmlResult {
  webHtml: string;
}

/** 'ArchivedWebHtml' query type */
export interface IArchivedWebHtmlQuery {
  params: IArchivedWebHtmlParams;
  result: IArchivedWebHtmlResult;
}

const archivedWebHtmlIR: any = {"usedParamSet":{"id":true,"newsletterId":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":61,"b":64}]},{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":88,"b":101}]}],"statement":"SELECT e.web_html AS \"webHtml!\" FROM editions e\nWHERE e.id = :id! AND e.newsletter_id = :newsletterId! AND e.in_archive AND e.web_html IS NOT NULL AND e.started_at IS NOT NULL AND e.status IN ('sending', 'paused', 'sent')"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.web_html AS "webHtml!" FROM editions e
 * WHERE e.id = :id! AND e.newsletter_id = :newsletterId! AND e.in_archive AND e.web_html IS NOT NULL AND e.started_at IS NOT NULL AND e.status IN ('sending', 'paused', 'sent')
 * ```
 */
export const archivedWebHtml = new PreparedQuery<IArchivedWebHtmlParams,IArchivedWebHtmlResult>(archivedWebHtmlIR);


