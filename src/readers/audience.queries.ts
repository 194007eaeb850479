/** Types generated for queries found in "src/readers/audience.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type NumberOrString = number | string;

/** 'BySector' parameters type */
export interface IBySectorParams {
  newsletterId: number;
}

/** 'BySector' return type */
export interface IBySectorResult {
  readers: number;
  sectorId: number | null;
}

/** 'BySector' query type */
export interface IBySectorQuery {
  params: IBySectorParams;
  result: IBySectorResult;
}

const bySectorIR: any = {"usedParamSet":{"newsletterId":true},"params":[{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":156,"b":169}]}],"statement":"SELECT r.job_sector_id AS \"sectorId\", count(*)::int AS \"readers!\"\nFROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id\nWHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND r.suppressed_at IS NULL\nGROUP BY r.job_sector_id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.job_sector_id AS "sectorId", count(*)::int AS "readers!"
 * FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
 * WHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND r.suppressed_at IS NULL
 * GROUP BY r.job_sector_id
 * ```
 */
export const bySector = new PreparedQuery<IBySectorParams,IBySectorResult>(bySectorIR);


/** 'Figures' parameters type */
export type IFiguresParams = void;

/** 'Figures' return type */
export interface IFiguresResult {
  active: number;
  newsletterId: number;
  pending: number;
  suppressed7d: number;
  unsubscribed7d: number;
}

/** 'Figures' query type */
export interface IFiguresQuery {
  params: IFiguresParams;
  result: IFiguresResult;
}

const figuresIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT s.newsletter_id AS \"newsletterId\",\n       count(*) FILTER (WHERE s.status = 'active' AND r.suppressed_at IS NULL)::int AS \"active!\",\n       count(*) FILTER (WHERE s.status = 'pending')::int AS \"pending!\",\n       count(*) FILTER (WHERE s.status = 'unsubscribed' AND s.unsubscribed_at > now() - interval '7 days')::int AS \"unsubscribed7d!\",\n       count(*) FILTER (WHERE r.suppressed_at > now() - interval '7 days')::int AS \"suppressed7d!\"\nFROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id\nGROUP BY s.newsletter_id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT s.newsletter_id AS "newsletterId",
 *        count(*) FILTER (WHERE s.status = 'active' AND r.suppressed_at IS NULL)::int AS "active!",
 *        count(*) FILTER (WHERE s.status = 'pending')::int AS "pending!",
 *        count(*) FILTER (WHERE s.status = 'unsubscribed' AND s.unsubscribed_at > now() - interval '7 days')::int AS "unsubscribed7d!",
 *        count(*) FILTER (WHERE r.suppressed_at > now() - interval '7 days')::int AS "suppressed7d!"
 * FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
 * GROUP BY s.newsletter_id
 * ```
 */
export const figures = new PreparedQuery<IFiguresParams,IFiguresResult>(figuresIR);


/** 'ActiveAfter' parameters type */
export interface IActiveAfterParams {
  afterId: number;
  limit: NumberOrString;
  newsletterId: number;
}

/** 'ActiveAfter' return type */
export interface IActiveAfterResult {
  confirmedAt: Date | null;
  email: string;
  id: number;
  jobSectorId: number | null;
  subscribedAt: Date;
}

/** 'ActiveAfter' query type */
export interface IActiveAfterQuery {
  params: IActiveAfterParams;
  result: IActiveAfterResult;
}

const activeAfterIR: any = {"usedParamSet":{"newsletterId":true,"afterId":true,"limit":true},"params":[{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":210,"b":223}]},{"name":"afterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":271,"b":279}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":340,"b":346}]}],"statement":"SELECT r.id, r.email, r.job_sector_id AS \"jobSectorId\", s.created_at AS \"subscribedAt\", s.confirmed_at AS \"confirmedAt\"\nFROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id\nWHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND s.subscriber_id > :afterId! AND r.suppressed_at IS NULL\nORDER BY s.subscriber_id LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.id, r.email, r.job_sector_id AS "jobSectorId", s.created_at AS "subscribedAt", s.confirmed_at AS "confirmedAt"
 * FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
 * WHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND s.subscriber_id > :afterId! AND r.suppressed_at IS NULL
 * ORDER BY s.subscriber_id LIMIT :limit!
 * ```
 */
export const activeAfter = new PreparedQuery<IActiveAfterParams,IActiveAfterResult>(activeAfterIR);


