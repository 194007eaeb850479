/** Types generated for queries found in "src/consent/consent.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type NumberOrString = number | string;

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'CurrentNotice' parameters type */
export type ICurrentNoticeParams = void;

/** 'CurrentNotice' return type */
export interface ICurrentNoticeResult {
  createdAt: Date;
  privacyNotice: string;
  prompt: string;
  version: number;
}

/** 'CurrentNotice' query type */
export interface ICurrentNoticeQuery {
  params: ICurrentNoticeParams;
  result: ICurrentNoticeResult;
}

const currentNoticeIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT version, prompt, privacy_notice AS \"privacyNotice\", created_at AS \"createdAt\" FROM notice_versions ORDER BY version DESC LIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT version, prompt, privacy_notice AS "privacyNotice", created_at AS "createdAt" FROM notice_versions ORDER BY version DESC LIMIT 1
 * ```
 */
export const currentNotice = new PreparedQuery<ICurrentNoticeParams,ICurrentNoticeResult>(currentNoticeIR);


/** 'NoticeByVersion' parameters type */
export interface INoticeByVersionParams {
  version: number;
}

/** 'NoticeByVersion' return type */
export interface INoticeByVersionResult {
  createdAt: Date;
  privacyNotice: string;
  prompt: string;
  version: number;
}

/** 'NoticeByVersion' query type */
export interface INoticeByVersionQuery {
  params: INoticeByVersionParams;
  result: INoticeByVersionResult;
}

const noticeByVersionIR: any = {"usedParamSet":{"version":true},"params":[{"name":"version","required":true,"transform":{"type":"scalar"},"locs":[{"a":122,"b":130}]}],"statement":"SELECT version, prompt, privacy_notice AS \"privacyNotice\", created_at AS \"createdAt\" FROM notice_versions WHERE version = :version!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT version, prompt, privacy_notice AS "privacyNotice", created_at AS "createdAt" FROM notice_versions WHERE version = :version!
 * ```
 */
export const noticeByVersion = new PreparedQuery<INoticeByVersionParams,INoticeByVersionResult>(noticeByVersionIR);


/** 'History' parameters type */
export interface IHistoryParams {
  limit?: NumberOrString | null | void;
  subscriberId: number;
}

/** 'History' return type */
export interface IHistoryResult {
  createdAt: Date;
  details: string | null;
  event: string;
  id: number;
  ip: string | null;
  newsletterId: number | null;
  noticePrompt: string;
  noticeText: string;
  noticeVersion: number;
  source: string;
  userAgent: string | null;
}

/** 'History' query type */
export interface IHistoryQuery {
  params: IHistoryParams;
  result: IHistoryResult;
}

const historyIR: any = {"usedParamSet":{"subscriberId":true,"limit":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":562,"b":575}]},{"name":"limit","required":false,"transform":{"type":"scalar"},"locs":[{"a":602,"b":607}]}],"statement":"SELECT c.id, c.created_at AS \"createdAt\", c.newsletter_id AS \"newsletterId\", c.event, c.source,\n       CASE WHEN e.details IS NULL THEN c.details WHEN c.details IS NULL THEN e.details\n            ELSE (c.details::jsonb || e.details::jsonb)::text END AS details,\n       c.notice_version AS \"noticeVersion\", n.prompt AS \"noticePrompt\", n.privacy_notice AS \"noticeText\",\n       e.ip, e.user_agent AS \"userAgent\"\nFROM consent_events c JOIN notice_versions n ON n.version = c.notice_version\n  LEFT JOIN consent_evidence e ON e.event_id = c.id\nWHERE c.subscriber_id = :subscriberId! ORDER BY c.id DESC LIMIT :limit"};

/**
 * Query generated from SQL:
 * ```
 * SELECT c.id, c.created_at AS "createdAt", c.newsletter_id AS "newsletterId", c.event, c.source,
 *        CASE WHEN e.details IS NULL THEN c.details WHEN c.details IS NULL THEN e.details
 *             ELSE (c.details::jsonb || e.details::jsonb)::text END AS details,
 *        c.notice_version AS "noticeVersion", n.prompt AS "noticePrompt", n.privacy_notice AS "noticeText",
 *        e.ip, e.user_agent AS "userAgent"
 * FROM consent_events c JOIN notice_versions n ON n.version = c.notice_version
 *   LEFT JOIN consent_evidence e ON e.event_id = c.id
 * WHERE c.subscriber_id = :subscriberId! ORDER BY c.id DESC LIMIT :limit
 * ```
 */
export const history = new PreparedQuery<IHistoryParams,IHistoryResult>(historyIR);


/** 'Record' parameters type */
export interface IRecordParams {
  at?: DateOrString | null | void;
  details: Array<string | null>;
  events: Array<string | null>;
  ip?: string | null | void;
  newsletterIds: Array<number | null>;
  noticeVersions: Array<number | null>;
  personal: Array<string | null>;
  source: string;
  subscriberIds: Array<number | null>;
  userAgent?: string | null | void;
}

/** 'Record' return type */
export type IRecordResult = void;

/** 'Record' query type */
export interface IRecordQuery {
  params: IRecordParams;
  result: IRecordResult;
}

const recordIR: any = {"usedParamSet":{"subscriberIds":true,"newsletterIds":true,"events":true,"noticeVersions":true,"details":true,"personal":true,"source":true,"at":true,"ip":true,"userAgent":true},"params":[{"name":"subscriberIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":201,"b":215}]},{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":225,"b":239}]},{"name":"events","required":true,"transform":{"type":"scalar"},"locs":[{"a":249,"b":256}]},{"name":"noticeVersions","required":true,"transform":{"type":"scalar"},"locs":[{"a":267,"b":282}]},{"name":"details","required":true,"transform":{"type":"scalar"},"locs":[{"a":292,"b":300}]},{"name":"personal","required":true,"transform":{"type":"scalar"},"locs":[{"a":311,"b":320}]},{"name":"source","required":true,"transform":{"type":"scalar"},"locs":[{"a":635,"b":642}]},{"name":"at","required":false,"transform":{"type":"scalar"},"locs":[{"a":672,"b":674}]},{"name":"ip","required":false,"transform":{"type":"scalar"},"locs":[{"a":806,"b":808},{"a":867,"b":869}]},{"name":"userAgent","required":false,"transform":{"type":"scalar"},"locs":[{"a":820,"b":829},{"a":895,"b":904}]}],"statement":"WITH entry AS (\n  -- Ids are drawn before the rows are written, so each ledger row and its evidence share one.\n  SELECT nextval(pg_get_serial_sequence('consent_events', 'id')) AS id, e.*\n  FROM unnest(:subscriberIds!::int[], :newsletterIds!::int[], :events!::text[], :noticeVersions!::int[], :details!::text[], :personal!::text[])\n    WITH ORDINALITY AS e(subscriber_id, newsletter_id, event, notice_version, details, personal, position)\n), ledger AS (\n  INSERT INTO consent_events (id, subscriber_id, newsletter_id, event, notice_version, source, details, created_at)\n  SELECT id, subscriber_id, newsletter_id, event, notice_version, :source!::varchar, details, coalesce(:at::timestamptz, now())\n  FROM entry ORDER BY position\n)\nINSERT INTO consent_evidence (event_id, ip, user_agent, details)\nSELECT id, :ip::varchar, :userAgent::varchar, personal FROM entry\nWHERE :ip::varchar IS NOT NULL OR :userAgent::varchar IS NOT NULL OR personal IS NOT NULL"};

/**
 * Query generated from SQL:
 * ```
 * WITH entry AS (
 *   -- Ids are drawn before the rows are written, so each ledger row and its evidence share one.
 *   SELECT nextval(pg_get_serial_sequence('consent_events', 'id')) AS id, e.*
 *   FROM unnest(:subscriberIds!::int[], :newsletterIds!::int[], :events!::text[], :noticeVersions!::int[], :details!::text[], :personal!::text[])
 *     WITH ORDINALITY AS e(subscriber_id, newsletter_id, event, notice_version, details, personal, position)
 * ), ledger AS (
 *   INSERT INTO consent_events (id, subscriber_id, newsletter_id, event, notice_version, source, details, created_at)
 *   SELECT id, subscriber_id, newsletter_id, event, notice_version, :source!::varchar, details, coalesce(:at::timestamptz, now())
 *   FROM entry ORDER BY position
 * )
 * INSERT INTO consent_evidence (event_id, ip, user_agent, details)
 * SELECT id, :ip::varchar, :userAgent::varchar, personal FROM entry
 * WHERE :ip::varchar IS NOT NULL OR :userAgent::varchar IS NOT NULL OR personal IS NOT NULL
 * ```
 */
export const record = new PreparedQuery<IRecordParams,IRecordResult>(recordIR);


/** 'EraseEvidence' parameters type */
export interface IEraseEvidenceParams {
  subscriberId: number;
}

/** 'EraseEvidence' return type */
export type IEraseEvidenceResult = void;

/** 'EraseEvidence' query type */
export interface IEraseEvidenceQuery {
  params: IEraseEvidenceParams;
  result: IEraseEvidenceResult;
}

const eraseEvidenceIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":100,"b":113}]}],"statement":"DELETE FROM consent_evidence e USING consent_events c WHERE e.event_id = c.id AND c.subscriber_id = :subscriberId!"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM consent_evidence e USING consent_events c WHERE e.event_id = c.id AND c.subscriber_id = :subscriberId!
 * ```
 */
export const eraseEvidence = new PreparedQuery<IEraseEvidenceParams,IEraseEvidenceResult>(eraseEvidenceIR);


/** 'DailyActivity' parameters type */
export interface IDailyActivityParams {
  days: number;
}

/** 'DailyActivity' return type */
export interface IDailyActivityResult {
  count: number;
  day: string;
  event: string;
  newsletterId: number;
}

/** 'DailyActivity' query type */
export interface IDailyActivityQuery {
  params: IDailyActivityParams;
  result: IDailyActivityResult;
}

const dailyActivityIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":225,"b":230}]}],"statement":"SELECT newsletter_id AS \"newsletterId!\", to_char((created_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS \"day!\", event, count(*)::int AS \"count!\"\nFROM consent_events\nWHERE created_at > now() - make_interval(days => :days!::int) AND newsletter_id IS NOT NULL AND event IN ('subscribed', 'confirmed', 'unsubscribed')\nGROUP BY 1, 2, 3"};

/**
 * Query generated from SQL:
 * ```
 * SELECT newsletter_id AS "newsletterId!", to_char((created_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS "day!", event, count(*)::int AS "count!"
 * FROM consent_events
 * WHERE created_at > now() - make_interval(days => :days!::int) AND newsletter_id IS NOT NULL AND event IN ('subscribed', 'confirmed', 'unsubscribed')
 * GROUP BY 1, 2, 3
 * ```
 */
export const dailyActivity = new PreparedQuery<IDailyActivityParams,IDailyActivityResult>(dailyActivityIR);


/** 'CountSignups' parameters type */
export interface ICountSignupsParams {
  at?: DateOrString | null | void;
  newsletterIds: Array<number | null>;
  page: string;
  via: string;
}

/** 'CountSignups' return type */
export type ICountSignupsResult = void;

/** 'CountSignups' query type */
export interface ICountSignupsQuery {
  params: ICountSignupsParams;
  result: ICountSignupsResult;
}

const countSignupsIR: any = {"usedParamSet":{"at":true,"page":true,"via":true,"newsletterIds":true},"params":[{"name":"at","required":false,"transform":{"type":"scalar"},"locs":[{"a":197,"b":199}]},{"name":"page","required":true,"transform":{"type":"scalar"},"locs":[{"a":262,"b":267},{"a":347,"b":352},{"a":364,"b":369}]},{"name":"via","required":true,"transform":{"type":"scalar"},"locs":[{"a":279,"b":283}]},{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":426,"b":440}]}],"statement":"-- Reads articles (the articles module's) to link the page to the article imported at that address.\nINSERT INTO signup_sources (day, newsletter_id, page, via, article_id, signups)\nSELECT (coalesce(:at::timestamptz, now()) AT TIME ZONE 'Europe/London')::date, n, :page!::varchar, :via!::varchar,\n       (SELECT a.id FROM articles a WHERE a.url IN (:page!::varchar, :page!::varchar || '/') ORDER BY a.id LIMIT 1), 1\nFROM unnest(:newsletterIds!::int[]) AS n\nON CONFLICT (day, newsletter_id, page, via) DO UPDATE\nSET signups = signup_sources.signups + 1, article_id = coalesce(signup_sources.article_id, EXCLUDED.article_id)"};

/**
 * Query generated from SQL:
 * ```
 * -- Reads articles (the articles module's) to link the page to the article imported at that address.
 * INSERT INTO signup_sources (day, newsletter_id, page, via, article_id, signups)
 * SELECT (coalesce(:at::timestamptz, now()) AT TIME ZONE 'Europe/London')::date, n, :page!::varchar, :via!::varchar,
 *        (SELECT a.id FROM articles a WHERE a.url IN (:page!::varchar, :page!::varchar || '/') ORDER BY a.id LIMIT 1), 1
 * FROM unnest(:newsletterIds!::int[]) AS n
 * ON CONFLICT (day, newsletter_id, page, via) DO UPDATE
 * SET signups = signup_sources.signups + 1, article_id = coalesce(signup_sources.article_id, EXCLUDED.article_id)
 * ```
 */
export const countSignups = new PreparedQuery<ICountSignupsParams,ICountSignupsResult>(countSignupsIR);


/** 'CountConfirmations' parameters type */
export interface ICountConfirmationsParams {
  newsletterIds: Array<number | null>;
  subscriberId: number;
}

/** 'CountConfirmations' return type */
export type ICountConfirmationsResult = void;

/** 'CountConfirmations' query type */
export interface ICountConfirmationsQuery {
  params: ICountConfirmationsParams;
  result: ICountConfirmationsResult;
}

const countConfirmationsIR: any = {"usedParamSet":{"subscriberId":true,"newsletterIds":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":543,"b":556}]},{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":584,"b":598}]}],"statement":"-- Each confirmed subscription is credited to the page of the reader's latest sign-up to that\n-- newsletter, on that sign-up's row, so a page's rate compares like with like.\nUPDATE signup_sources s SET confirmations = s.confirmations + 1\nFROM (\n  SELECT DISTINCT ON (c.newsletter_id) c.newsletter_id, (c.created_at AT TIME ZONE 'Europe/London')::date AS day,\n         (e.details::jsonb) ->> 'page' AS page, (e.details::jsonb) ->> 'via' AS via\n  FROM consent_events c LEFT JOIN consent_evidence e ON e.event_id = c.id\n  WHERE c.subscriber_id = :subscriberId! AND c.newsletter_id = ANY(:newsletterIds!::int[]) AND c.event = 'subscribed'\n  ORDER BY c.newsletter_id, c.id DESC\n) latest\nWHERE s.day = latest.day AND s.newsletter_id = latest.newsletter_id AND s.page = latest.page AND s.via = latest.via"};

/**
 * Query generated from SQL:
 * ```
 * -- Each confirmed subscription is credited to the page of the reader's latest sign-up to that
 * -- newsletter, on that sign-up's row, so a page's rate compares like with like.
 * UPDATE signup_sources s SET confirmations = s.confirmations + 1
 * FROM (
 *   SELECT DISTINCT ON (c.newsletter_id) c.newsletter_id, (c.created_at AT TIME ZONE 'Europe/London')::date AS day,
 *          (e.details::jsonb) ->> 'page' AS page, (e.details::jsonb) ->> 'via' AS via
 *   FROM consent_events c LEFT JOIN consent_evidence e ON e.event_id = c.id
 *   WHERE c.subscriber_id = :subscriberId! AND c.newsletter_id = ANY(:newsletterIds!::int[]) AND c.event = 'subscribed'
 *   ORDER BY c.newsletter_id, c.id DESC
 * ) latest
 * WHERE s.day = latest.day AND s.newsletter_id = latest.newsletter_id AND s.page = latest.page AND s.via = latest.via
 * ```
 */
export const countConfirmations = new PreparedQuery<ICountConfirmationsParams,ICountConfirmationsResult>(countConfirmationsIR);


/** 'SignupSources' parameters type */
export interface ISignupSourcesParams {
  since: DateOrString;
}

/** 'SignupSources' return type */
export interface ISignupSourcesResult {
  articleId: number;
  articleTitle: string;
  confirmations: number;
  newsletterId: number;
  page: string;
  section: string | null;
  signups: number;
  via: string;
}

/** 'SignupSources' query type */
export interface ISignupSourcesQuery {
  params: ISignupSourcesParams;
  result: ISignupSourcesResult;
}

const signupSourcesIR: any = {"usedParamSet":{"since":true},"params":[{"name":"since","required":true,"transform":{"type":"scalar"},"locs":[{"a":544,"b":550}]}],"statement":"-- Reads articles (the articles module's) for each page's article, matched now when the sign-up came before its import.\nSELECT s.newsletter_id AS \"newsletterId!\", s.page AS \"page!\", s.via AS \"via!\", a.id AS \"articleId\", a.title AS \"articleTitle\", a.section AS \"section\",\n       sum(s.signups)::int AS \"signups!\", sum(s.confirmations)::int AS \"confirmations!\"\nFROM signup_sources s\n  LEFT JOIN articles a ON a.id = coalesce(s.article_id, (SELECT x.id FROM articles x WHERE x.url IN (s.page, s.page || '/') ORDER BY x.id LIMIT 1))\nWHERE s.day >= :since!::date\nGROUP BY 1, 2, 3, 4, 5, 6"};

/**
 * Query generated from SQL:
 * ```
 * -- Reads articles (the articles module's) for each page's article, matched now when the sign-up came before its import.
 * SELECT s.newsletter_id AS "newsletterId!", s.page AS "page!", s.via AS "via!", a.id AS "articleId", a.title AS "articleTitle", a.section AS "section",
 *        sum(s.signups)::int AS "signups!", sum(s.confirmations)::int AS "confirmations!"
 * FROM signup_sources s
 *   LEFT JOIN articles a ON a.id = coalesce(s.article_id, (SELECT x.id FROM articles x WHERE x.url IN (s.page, s.page || '/') ORDER BY x.id LIMIT 1))
 * WHERE s.day >= :since!::date
 * GROUP BY 1, 2, 3, 4, 5, 6
 * ```
 */
export const signupSources = new PreparedQuery<ISignupSourcesParams,ISignupSourcesResult>(signupSourcesIR);


