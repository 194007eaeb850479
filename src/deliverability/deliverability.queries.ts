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


/** 'LockEvent' parameters type */
export interface ILockEventParams {
  eventId: string;
  provider: string;
}

/** 'LockEvent' return type */
export interface ILockEventResult {
  pg_advisory_xact_lock: undefined | null;
}

/** 'LockEvent' query type */
export interface ILockEventQuery {
  params: ILockEventParams;
  result: ILockEventResult;
}

const lockEventIR: any = {"usedParamSet":{"provider":true,"eventId":true},"params":[{"name":"provider","required":true,"transform":{"type":"scalar"},"locs":[{"a":186,"b":195}]},{"name":"eventId","required":true,"transform":{"type":"scalar"},"locs":[{"a":213,"b":221}]}],"statement":"-- Deliveries of one provider's event take turns until the caller's transaction ends, so `insert` sees the first.\nSELECT pg_advisory_xact_lock(hashtext('deliverability event'), hashtext(:provider!::text || ' ' || :eventId!::text))"};

/**
 * Query generated from SQL:
 * ```
 * -- Deliveries of one provider's event take turns until the caller's transaction ends, so `insert` sees the first.
 * SELECT pg_advisory_xact_lock(hashtext('deliverability event'), hashtext(:provider!::text || ' ' || :eventId!::text))
 * ```
 */
export const lockEvent = new PreparedQuery<ILockEventParams,ILockEventResult>(lockEventIR);


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

const insertIR: any = {"usedParamSet":{"provider":true,"eventId":true,"type":true,"subscriberId":true,"editionId":true,"messageId":true,"detail":true,"occurredAt":true},"params":[{"name":"provider","required":true,"transform":{"type":"scalar"},"locs":[{"a":343,"b":352},{"a":568,"b":577}]},{"name":"eventId","required":true,"transform":{"type":"scalar"},"locs":[{"a":361,"b":369},{"a":600,"b":608}]},{"name":"type","required":true,"transform":{"type":"scalar"},"locs":[{"a":378,"b":383}]},{"name":"subscriberId","required":false,"transform":{"type":"scalar"},"locs":[{"a":392,"b":404}]},{"name":"editionId","required":false,"transform":{"type":"scalar"},"locs":[{"a":412,"b":421}]},{"name":"messageId","required":false,"transform":{"type":"scalar"},"locs":[{"a":429,"b":438}]},{"name":"detail","required":true,"transform":{"type":"scalar"},"locs":[{"a":447,"b":454}]},{"name":"occurredAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":464,"b":475}]}],"statement":"-- Once per (provider, event id) in every month's partition: the unique index holds occurred_at too\n-- (a partitioned table's must), so a replay dated otherwise is caught by NOT EXISTS, under lockEvent.\nINSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at)\nSELECT :provider!::text, :eventId!::text, :type!::text, :subscriberId::int, :editionId::int, :messageId::text, :detail!::jsonb, :occurredAt!::timestamptz, now()\nWHERE NOT EXISTS (SELECT 1 FROM deliverability_events WHERE provider = :provider!::text AND event_id = :eventId!::text)\nON CONFLICT (provider, event_id, occurred_at) DO NOTHING RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * -- Once per (provider, event id) in every month's partition: the unique index holds occurred_at too
 * -- (a partitioned table's must), so a replay dated otherwise is caught by NOT EXISTS, under lockEvent.
 * INSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at)
 * SELECT :provider!::text, :eventId!::text, :type!::text, :subscriberId::int, :editionId::int, :messageId::text, :detail!::jsonb, :occurredAt!::timestamptz, now()
 * WHERE NOT EXISTS (SELECT 1 FROM deliverability_events WHERE provider = :provider!::text AND event_id = :eventId!::text)
 * ON CONFLICT (provider, event_id, occurred_at) DO NOTHING RETURNING id
 * ```
 */
export const insert = new PreparedQuery<IInsertParams,IInsertResult>(insertIR);


/** 'CountEvent' parameters type */
export interface ICountEventParams {
  editionId: number;
  id: number;
  subscriberId?: number | null | void;
  type: string;
}

/** 'CountEvent' return type */
export type ICountEventResult = void;

/** 'CountEvent' query type */
export interface ICountEventQuery {
  params: ICountEventParams;
  result: ICountEventResult;
}

const countEventIR: any = {"usedParamSet":{"type":true,"editionId":true,"subscriberId":true,"id":true},"params":[{"name":"type","required":true,"transform":{"type":"scalar"},"locs":[{"a":241,"b":246},{"a":622,"b":627},{"a":706,"b":711},{"a":774,"b":779},{"a":842,"b":847},{"a":906,"b":911}]},{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":401,"b":411},{"a":596,"b":606}]},{"name":"subscriberId","required":false,"transform":{"type":"scalar"},"locs":[{"a":438,"b":450}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":467,"b":470}]}],"statement":"-- The edition's figures move when the event is the first of its kind for that reader and edition\n-- (an event naming no reader counts alone); the reader's events are locked (lockSubscriber).\nWITH prior AS (\n  SELECT coalesce(bool_or(type = :type!::text), false) AS same_kind, coalesce(bool_or(type IN ('hard-bounce', 'soft-bounce')), false) AS bounced\n  FROM deliverability_events WHERE edition_id = :editionId!::int AND subscriber_id = :subscriberId::int AND id <> :id!::int\n)\nINSERT INTO deliverability_counts AS c (edition_id, bounced, hard_bounced, soft_bounced, delayed, complained)\nSELECT :editionId!::int,\n       (:type!::text IN ('hard-bounce', 'soft-bounce') AND NOT prior.bounced)::int,\n       (:type!::text = 'hard-bounce' AND NOT prior.same_kind)::int,\n       (:type!::text = 'soft-bounce' AND NOT prior.same_kind)::int,\n       (:type!::text = 'delayed' AND NOT prior.same_kind)::int,\n       (:type!::text = 'complaint' AND NOT prior.same_kind)::int\nFROM prior\nON CONFLICT (edition_id) DO UPDATE SET bounced = c.bounced + excluded.bounced, hard_bounced = c.hard_bounced + excluded.hard_bounced,\n  soft_bounced = c.soft_bounced + excluded.soft_bounced, delayed = c.delayed + excluded.delayed, complained = c.complained + excluded.complained"};

/**
 * Query generated from SQL:
 * ```
 * -- The edition's figures move when the event is the first of its kind for that reader and edition
 * -- (an event naming no reader counts alone); the reader's events are locked (lockSubscriber).
 * WITH prior AS (
 *   SELECT coalesce(bool_or(type = :type!::text), false) AS same_kind, coalesce(bool_or(type IN ('hard-bounce', 'soft-bounce')), false) AS bounced
 *   FROM deliverability_events WHERE edition_id = :editionId!::int AND subscriber_id = :subscriberId::int AND id <> :id!::int
 * )
 * INSERT INTO deliverability_counts AS c (edition_id, bounced, hard_bounced, soft_bounced, delayed, complained)
 * SELECT :editionId!::int,
 *        (:type!::text IN ('hard-bounce', 'soft-bounce') AND NOT prior.bounced)::int,
 *        (:type!::text = 'hard-bounce' AND NOT prior.same_kind)::int,
 *        (:type!::text = 'soft-bounce' AND NOT prior.same_kind)::int,
 *        (:type!::text = 'delayed' AND NOT prior.same_kind)::int,
 *        (:type!::text = 'complaint' AND NOT prior.same_kind)::int
 * FROM prior
 * ON CONFLICT (edition_id) DO UPDATE SET bounced = c.bounced + excluded.bounced, hard_bounced = c.hard_bounced + excluded.hard_bounced,
 *   soft_bounced = c.soft_bounced + excluded.soft_bounced, delayed = c.delayed + excluded.delayed, complained = c.complained + excluded.complained
 * ```
 */
export const countEvent = new PreparedQuery<ICountEventParams,ICountEventResult>(countEventIR);


/** 'EnsurePartitions' parameters type */
export type IEnsurePartitionsParams = void;

/** 'EnsurePartitions' return type */
export interface IEnsurePartitionsResult {
  made: number;
}

/** 'EnsurePartitions' query type */
export interface IEnsurePartitionsQuery {
  params: IEnsurePartitionsParams;
  result: IEnsurePartitionsResult;
}

const ensurePartitionsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT deliverability_event_partitions_ensure(now()) AS \"made!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT deliverability_event_partitions_ensure(now()) AS "made!"
 * ```
 */
export const ensurePartitions = new PreparedQuery<IEnsurePartitionsParams,IEnsurePartitionsResult>(ensurePartitionsIR);


/** 'ExpiredPartitions' parameters type */
export interface IExpiredPartitionsParams {
  days: number;
}

/** 'ExpiredPartitions' return type */
export interface IExpiredPartitionsResult {
  month: string;
  name: string;
}

/** 'ExpiredPartitions' query type */
export interface IExpiredPartitionsQuery {
  params: IExpiredPartitionsParams;
  result: IExpiredPartitionsResult;
}

const expiredPartitionsIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":526,"b":531}]}],"statement":"-- The months of events that ended more than `days` days ago (never the default partition).\nSELECT p.name AS \"name!\", p.month::text AS \"month!\"\nFROM (SELECT c.relname::text AS name, to_date(substring(c.relname FROM '^deliverability_events_([0-9]{4}_[0-9]{2})$'), 'YYYY_MM') AS month\n      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deliverability_events'::regclass) p\nWHERE p.month IS NOT NULL AND (p.month + interval '1 month')::timestamp AT TIME ZONE 'UTC' < now() - make_interval(days => :days!)\nORDER BY p.month"};

/**
 * Query generated from SQL:
 * ```
 * -- The months of events that ended more than `days` days ago (never the default partition).
 * SELECT p.name AS "name!", p.month::text AS "month!"
 * FROM (SELECT c.relname::text AS name, to_date(substring(c.relname FROM '^deliverability_events_([0-9]{4}_[0-9]{2})$'), 'YYYY_MM') AS month
 *       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deliverability_events'::regclass) p
 * WHERE p.month IS NOT NULL AND (p.month + interval '1 month')::timestamp AT TIME ZONE 'UTC' < now() - make_interval(days => :days!)
 * ORDER BY p.month
 * ```
 */
export const expiredPartitions = new PreparedQuery<IExpiredPartitionsParams,IExpiredPartitionsResult>(expiredPartitionsIR);


/** 'DropPartition' parameters type */
export interface IDropPartitionParams {
  name: string;
}

/** 'DropPartition' return type */
export interface IDropPartitionResult {
  dropped: boolean;
}

/** 'DropPartition' query type */
export interface IDropPartitionQuery {
  params: IDropPartitionParams;
  result: IDropPartitionResult;
}

const dropPartitionIR: any = {"usedParamSet":{"name":true},"params":[{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":43,"b":48}]}],"statement":"SELECT deliverability_event_partition_drop(:name!) AS \"dropped!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT deliverability_event_partition_drop(:name!) AS "dropped!"
 * ```
 */
export const dropPartition = new PreparedQuery<IDropPartitionParams,IDropPartitionResult>(dropPartitionIR);


/** 'DropExpiredStrays' parameters type */
export interface IDropExpiredStraysParams {
  days: number;
}

/** 'DropExpiredStrays' return type */
export type IDropExpiredStraysResult = void;

/** 'DropExpiredStrays' query type */
export interface IDropExpiredStraysQuery {
  params: IDropExpiredStraysParams;
  result: IDropExpiredStraysResult;
}

const dropExpiredStraysIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":216,"b":221}]}],"statement":"-- Events the default partition caught (dated before every month's partition), past the retention: few rows, one partition.\nDELETE FROM deliverability_events_default WHERE occurred_at < now() - make_interval(days => :days!)"};

/**
 * Query generated from SQL:
 * ```
 * -- Events the default partition caught (dated before every month's partition), past the retention: few rows, one partition.
 * DELETE FROM deliverability_events_default WHERE occurred_at < now() - make_interval(days => :days!)
 * ```
 */
export const dropExpiredStrays = new PreparedQuery<IDropExpiredStraysParams,IDropExpiredStraysResult>(dropExpiredStraysIR);


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

const complaintsIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":81,"b":91}]}],"statement":"SELECT coalesce((SELECT complained FROM deliverability_counts WHERE edition_id = :editionId!), 0)::int AS \"n!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT coalesce((SELECT complained FROM deliverability_counts WHERE edition_id = :editionId!), 0)::int AS "n!"
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

const editionFiguresIR: any = {"usedParamSet":{"ids":true,"days":true},"params":[{"name":"ids","required":false,"transform":{"type":"scalar"},"locs":[{"a":210,"b":213},{"a":251,"b":254}]},{"name":"days","required":false,"transform":{"type":"scalar"},"locs":[{"a":274,"b":278},{"a":339,"b":343}]}],"statement":"WITH e AS (\n  SELECT editions.id, newsletter_id, started_at, finished_at, coalesce(c.sent, 0) AS sent FROM editions LEFT JOIN delivery_counts c ON c.edition_id = editions.id\n  WHERE started_at IS NOT NULL AND (:ids::int[] IS NULL OR editions.id = ANY(:ids::int[]))\n    AND (:days::int IS NULL OR started_at > now() - make_interval(days => :days::int))\n), unsubscribes AS (\n  SELECT e.id AS edition_id, count(DISTINCT c.subscriber_id) AS unsubscribed\n  FROM e\n  JOIN consent_events c ON c.newsletter_id = e.newsletter_id\n    AND c.created_at >= e.started_at AND c.created_at < coalesce(e.finished_at, now()) + interval '7 days'\n  JOIN deliveries d ON d.edition_id = e.id AND d.subscriber_id = c.subscriber_id AND d.status = 'sent'\n  WHERE c.created_at >= d.sent_at AND c.created_at < d.sent_at + interval '7 days'\n    AND CASE WHEN c.event = 'unsubscribed' THEN c.source <> 'complaint'\n             WHEN c.event = 'preferences_changed' THEN c.details::jsonb ->> 'to' = 'unsubscribed'\n             ELSE false END\n    AND NOT EXISTS (\n      SELECT 1 FROM editions later JOIN deliveries dl ON dl.edition_id = later.id AND dl.subscriber_id = c.subscriber_id\n      WHERE later.newsletter_id = e.newsletter_id AND later.id <> e.id AND later.started_at > e.started_at\n        AND dl.status = 'sent' AND dl.sent_at > d.sent_at AND dl.sent_at <= c.created_at)\n  GROUP BY e.id\n)\nSELECT e.id AS \"editionId!\", e.newsletter_id AS \"newsletterId!\", e.sent AS \"sent!\",\n       coalesce(events.bounced, 0)::int AS \"bounced!\", coalesce(events.hard_bounced, 0)::int AS \"hardBounced!\",\n       coalesce(events.soft_bounced, 0)::int AS \"softBounced!\", coalesce(events.delayed, 0)::int AS \"delayed!\",\n       coalesce(events.complained, 0)::int AS \"complained!\",\n       coalesce(unsubscribes.unsubscribed, 0)::int AS \"unsubscribed!\"\nFROM e LEFT JOIN deliverability_counts events ON events.edition_id = e.id LEFT JOIN unsubscribes ON unsubscribes.edition_id = e.id\nORDER BY e.id"};

/**
 * Query generated from SQL:
 * ```
 * WITH e AS (
 *   SELECT editions.id, newsletter_id, started_at, finished_at, coalesce(c.sent, 0) AS sent FROM editions LEFT JOIN delivery_counts c ON c.edition_id = editions.id
 *   WHERE started_at IS NOT NULL AND (:ids::int[] IS NULL OR editions.id = ANY(:ids::int[]))
 *     AND (:days::int IS NULL OR started_at > now() - make_interval(days => :days::int))
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
 *        coalesce(events.bounced, 0)::int AS "bounced!", coalesce(events.hard_bounced, 0)::int AS "hardBounced!",
 *        coalesce(events.soft_bounced, 0)::int AS "softBounced!", coalesce(events.delayed, 0)::int AS "delayed!",
 *        coalesce(events.complained, 0)::int AS "complained!",
 *        coalesce(unsubscribes.unsubscribed, 0)::int AS "unsubscribed!"
 * FROM e LEFT JOIN deliverability_counts events ON events.edition_id = e.id LEFT JOIN unsubscribes ON unsubscribes.edition_id = e.id
 * ORDER BY e.id
 * ```
 */
export const editionFigures = new PreparedQuery<IEditionFiguresParams,IEditionFiguresResult>(editionFiguresIR);


