/** Types generated for queries found in "src/deliverability/deliverability.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type numberArray = (number)[];

/** 'LockSubscriber' parameters type */
export interface ILockSubscriberParams {
  subscriberId: number;
}

/** 'LockSubscriber' return type */
export interface ILockSubscriberResult {
  pg_advisory_xact_lock: undefined | null;
}

/** 'LockSubscriber' query type */
export interface ILockSubscriberQuery {
  params: ILockSubscriberParams;
  result: ILockSubscriberResult;
}

const lockSubscriberIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":57,"b":70}]}],"statement":"SELECT pg_advisory_xact_lock(hashtext('deliverability'), :subscriberId!)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT pg_advisory_xact_lock(hashtext('deliverability'), :subscriberId!)
 * ```
 */
export const lockSubscriber = new PreparedQuery<ILockSubscriberParams,ILockSubscriberResult>(lockSubscriberIR);


/** 'Insert' parameters type */
export interface IInsertParams {
  detail: Json;
  editionId?: number | null | void;
  eventId: string;
  messageId?: string | null | void;
  occurredAt: DateOrString;
  provider: string;
  subscriberId?: number | null | void;
  type: string;
}

/** 'Insert' return type */
export interface IInsertResult {
  id: number;
}

/** 'Insert' query type */
export interface IInsertQuery {
  params: IInsertParams;
  result: IInsertResult;
}

const insertIR: any = {"usedParamSet":{"provider":true,"eventId":true,"type":true,"subscriberId":true,"editionId":true,"messageId":true,"detail":true,"occurredAt":true},"params":[{"name":"provider","required":true,"transform":{"type":"scalar"},"locs":[{"a":141,"b":150}]},{"name":"eventId","required":true,"transform":{"type":"scalar"},"locs":[{"a":153,"b":161}]},{"name":"type","required":true,"transform":{"type":"scalar"},"locs":[{"a":164,"b":169}]},{"name":"subscriberId","required":false,"transform":{"type":"scalar"},"locs":[{"a":172,"b":184}]},{"name":"editionId","required":false,"transform":{"type":"scalar"},"locs":[{"a":187,"b":196}]},{"name":"messageId","required":false,"transform":{"type":"scalar"},"locs":[{"a":199,"b":208}]},{"name":"detail","required":true,"transform":{"type":"scalar"},"locs":[{"a":211,"b":218}]},{"name":"occurredAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":228,"b":239}]}],"statement":"INSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at)\nVALUES (:provider!, :eventId!, :type!, :subscriberId, :editionId, :messageId, :detail!::jsonb, :occurredAt!, now())\nON CONFLICT (provider, event_id) DO NOTHING RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at)
 * VALUES (:provider!, :eventId!, :type!, :subscriberId, :editionId, :messageId, :detail!::jsonb, :occurredAt!, now())
 * ON CONFLICT (provider, event_id) DO NOTHING RETURNING id
 * ```
 */
export const insert = new PreparedQuery<IInsertParams,IInsertResult>(insertIR);


/** 'SoftBounces' parameters type */
export interface ISoftBouncesParams {
  days: number;
  subscriberId: number;
}

/** 'SoftBounces' return type */
export interface ISoftBouncesResult {
  n: number;
}

/** 'SoftBounces' query type */
export interface ISoftBouncesQuery {
  params: ISoftBouncesParams;
  result: ISoftBouncesResult;
}

const softBouncesIR: any = {"usedParamSet":{"subscriberId":true,"days":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":162,"b":175}]},{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":250,"b":255}]}],"statement":"SELECT count(DISTINCT coalesce('edition ' || edition_id, 'message ' || message_id, 'event ' || id))::int AS \"n!\"\nFROM deliverability_events\nWHERE subscriber_id = :subscriberId! AND type = 'soft-bounce' AND occurred_at > now() - make_interval(days => :days!)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(DISTINCT coalesce('edition ' || edition_id, 'message ' || message_id, 'event ' || id))::int AS "n!"
 * FROM deliverability_events
 * WHERE subscriber_id = :subscriberId! AND type = 'soft-bounce' AND occurred_at > now() - make_interval(days => :days!)
 * ```
 */
export const softBounces = new PreparedQuery<ISoftBouncesParams,ISoftBouncesResult>(softBouncesIR);


/** 'Complaints' parameters type */
export interface IComplaintsParams {
  editionId: number;
}

/** 'Complaints' return type */
export interface IComplaintsResult {
  n: number;
}

/** 'Complaints' query type */
export interface IComplaintsQuery {
  params: IComplaintsParams;
  result: IComplaintsResult;
}

const complaintsIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":128,"b":138}]}],"statement":"SELECT count(DISTINCT coalesce(subscriber_id::text, 'event ' || id))::int AS \"n!\" FROM deliverability_events WHERE edition_id = :editionId! AND type = 'complaint'"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(DISTINCT coalesce(subscriber_id::text, 'event ' || id))::int AS "n!" FROM deliverability_events WHERE edition_id = :editionId! AND type = 'complaint'
 * ```
 */
export const complaints = new PreparedQuery<IComplaintsParams,IComplaintsResult>(complaintsIR);


/** 'NoteComplaintWarning' parameters type */
export interface INoteComplaintWarningParams {
  complaints: number;
  editionId: number;
  sent: number;
}

/** 'NoteComplaintWarning' return type */
export interface INoteComplaintWarningResult {
  edition_id: number;
}

/** 'NoteComplaintWarning' query type */
export interface INoteComplaintWarningQuery {
  params: INoteComplaintWarningParams;
  result: INoteComplaintWarningResult;
}

const noteComplaintWarningIR: any = {"usedParamSet":{"editionId":true,"complaints":true,"sent":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":87,"b":97}]},{"name":"complaints","required":true,"transform":{"type":"scalar"},"locs":[{"a":100,"b":111}]},{"name":"sent","required":true,"transform":{"type":"scalar"},"locs":[{"a":114,"b":119}]}],"statement":"INSERT INTO complaint_rate_warnings (edition_id, complaints, sent, created_at) VALUES (:editionId!, :complaints!, :sent!, now())\nON CONFLICT (edition_id) DO NOTHING RETURNING edition_id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO complaint_rate_warnings (edition_id, complaints, sent, created_at) VALUES (:editionId!, :complaints!, :sent!, now())
 * ON CONFLICT (edition_id) DO NOTHING RETURNING edition_id
 * ```
 */
export const noteComplaintWarning = new PreparedQuery<INoteComplaintWarningParams,INoteComplaintWarningResult>(noteComplaintWarningIR);


/** 'EditionFigures' parameters type */
export interface IEditionFiguresParams {
  days?: number | null | void;
  ids?: Array<number | null> | null | void;
}

/** 'EditionFigures' return type */
export interface IEditionFiguresResult {
  bounced: number;
  complained: number;
  delayed: number;
  editionId: number;
  hardBounced: number;
  newsletterId: number;
  sent: number;
  softBounced: number;
  unsubscribed: number;
}

/** 'EditionFigures' query type */
export interface IEditionFiguresQuery {
  params: IEditionFiguresParams;
  result: IEditionFiguresResult;
}

const editionFiguresIR: any = {"usedParamSet":{"ids":true,"days":true},"params":[{"name":"ids","required":false,"transform":{"type":"scalar"},"locs":[{"a":210,"b":213},{"a":251,"b":254}]},{"name":"days","required":false,"transform":{"type":"scalar"},"locs":[{"a":274,"b":278},{"a":339,"b":343}]}],"statement":"WITH e AS (\n  SELECT editions.id, newsletter_id, started_at, finished_at, coalesce(c.sent, 0) AS sent FROM editions LEFT JOIN delivery_counts c ON c.edition_id = editions.id\n  WHERE started_at IS NOT NULL AND (:ids::int[] IS NULL OR editions.id = ANY(:ids::int[]))\n    AND (:days::int IS NULL OR started_at > now() - make_interval(days => :days::int))\n), events AS (\n  SELECT v.edition_id,\n         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type IN ('hard-bounce', 'soft-bounce')) AS bounced,\n         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'delayed') AS delayed,\n         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'hard-bounce') AS hard,\n         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'soft-bounce') AS soft,\n         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'complaint') AS complained\n  FROM deliverability_events v JOIN e ON e.id = v.edition_id\n  GROUP BY v.edition_id\n), unsubscribes AS (\n  SELECT e.id AS edition_id, count(DISTINCT c.subscriber_id) AS unsubscribed\n  FROM e\n  JOIN consent_events c ON c.newsletter_id = e.newsletter_id\n    AND c.created_at >= e.started_at AND c.created_at < coalesce(e.finished_at, now()) + interval '7 days'\n  JOIN deliveries d ON d.edition_id = e.id AND d.subscriber_id = c.subscriber_id AND d.status = 'sent'\n  WHERE c.created_at >= d.sent_at AND c.created_at < d.sent_at + interval '7 days'\n    AND CASE WHEN c.event = 'unsubscribed' THEN c.source <> 'complaint'\n             WHEN c.event = 'preferences_changed' THEN c.details::jsonb ->> 'to' = 'unsubscribed'\n             ELSE false END\n    AND NOT EXISTS (\n      SELECT 1 FROM editions later JOIN deliveries dl ON dl.edition_id = later.id AND dl.subscriber_id = c.subscriber_id\n      WHERE later.newsletter_id = e.newsletter_id AND later.id <> e.id AND later.started_at > e.started_at\n        AND dl.status = 'sent' AND dl.sent_at > d.sent_at AND dl.sent_at <= c.created_at)\n  GROUP BY e.id\n)\nSELECT e.id AS \"editionId!\", e.newsletter_id AS \"newsletterId!\", e.sent AS \"sent!\",\n       coalesce(events.bounced, 0)::int AS \"bounced!\", coalesce(events.hard, 0)::int AS \"hardBounced!\",\n       coalesce(events.soft, 0)::int AS \"softBounced!\", coalesce(events.delayed, 0)::int AS \"delayed!\",\n       coalesce(events.complained, 0)::int AS \"complained!\",\n       coalesce(unsubscribes.unsubscribed, 0)::int AS \"unsubscribed!\"\nFROM e LEFT JOIN events ON events.edition_id = e.id LEFT JOIN unsubscribes ON unsubscribes.edition_id = e.id\nORDER BY e.id"};

/**
 * Query generated from SQL:
 * ```
 * WITH e AS (
 *   SELECT editions.id, newsletter_id, started_at, finished_at, coalesce(c.sent, 0) AS sent FROM editions LEFT JOIN delivery_counts c ON c.edition_id = editions.id
 *   WHERE started_at IS NOT NULL AND (:ids::int[] IS NULL OR editions.id = ANY(:ids::int[]))
 *     AND (:days::int IS NULL OR started_at > now() - make_interval(days => :days::int))
 * ), events AS (
 *   SELECT v.edition_id,
 *          count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type IN ('hard-bounce', 'soft-bounce')) AS bounced,
 *          count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'delayed') AS delayed,
 *          count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'hard-bounce') AS hard,
 *          count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'soft-bounce') AS soft,
 *          count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'complaint') AS complained
 *   FROM deliverability_events v JOIN e ON e.id = v.edition_id
 *   GROUP BY v.edition_id
 * ), unsubscribes AS (
 *   SELECT e.id AS edition_id, count(DISTINCT c.subscriber_id) AS unsubscribed
 *   FROM e
 *   JOIN consent_events c ON c.newsletter_id = e.newsletter_id
 *     AND c.created_at >= e.started_at AND c.created_at < coalesce(e.finished_at, now()) + interval '7 days'
 *   JOIN deliveries d ON d.edition_id = e.id AND d.subscriber_id = c.subscriber_id AND d.status = 'sent'
 *   WHERE c.created_at >= d.sent_at AND c.created_at < d.sent_at + interval '7 days'
 *     AND CASE WHEN c.event = 'unsubscribed' THEN c.source <> 'complaint'
 *              WHEN c.event = 'preferences_changed' THEN c.details::jsonb ->> 'to' = 'unsubscribed'
 *              ELSE false END
 *     AND NOT EXISTS (
 *       SELECT 1 FROM editions later JOIN deliveries dl ON dl.edition_id = later.id AND dl.subscriber_id = c.subscriber_id
 *       WHERE later.newsletter_id = e.newsletter_id AND later.id <> e.id AND later.started_at > e.started_at
 *         AND dl.status = 'sent' AND dl.sent_at > d.sent_at AND dl.sent_at <= c.created_at)
 *   GROUP BY e.id
 * )
 * SELECT e.id AS "editionId!", e.newsletter_id AS "newsletterId!", e.sent AS "sent!",
 *        coalesce(events.bounced, 0)::int AS "bounced!", coalesce(events.hard, 0)::int AS "hardBounced!",
 *        coalesce(events.soft, 0)::int AS "softBounced!", coalesce(events.delayed, 0)::int AS "delayed!",
 *        coalesce(events.complained, 0)::int AS "complained!",
 *        coalesce(unsubscribes.unsubscribed, 0)::int AS "unsubscribed!"
 * FROM e LEFT JOIN events ON events.edition_id = e.id LEFT JOIN unsubscribes ON unsubscribes.edition_id = e.id
 * ORDER BY e.id
 * ```
 */
export const editionFigures = new PreparedQuery<IEditionFiguresParams,IEditionFiguresResult>(editionFiguresIR);


