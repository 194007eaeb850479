/** Types generated for queries found in "src/readers/readers.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'InsertNewReader' parameters type */
export interface IInsertNewReaderParams {
  email: string;
  jobSectorId?: number | null | void;
  newsletterIds: Array<number | null>;
}

/** 'InsertNewReader' return type */
export interface IInsertNewReaderResult {
  id: number;
}

/** 'InsertNewReader' query type */
export interface IInsertNewReaderQuery {
  params: IInsertNewReaderParams;
  result: IInsertNewReaderResult;
}

const insertNewReaderIR: any = {"usedParamSet":{"email":true,"jobSectorId":true,"newsletterIds":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":98,"b":104}]},{"name":"jobSectorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":107,"b":118}]},{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":370,"b":384}]}],"statement":"WITH reader AS (\n  INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (:email!, :jobSectorId, now(), now())\n  ON CONFLICT (email) DO NOTHING RETURNING id\n), subscriptions AS (\n  INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)\n  SELECT reader.id, newsletter, 'pending', now(), now() FROM reader, unnest(:newsletterIds!::int[]) AS newsletter\n)\nSELECT id FROM reader"};

/**
 * Query generated from SQL:
 * ```
 * WITH reader AS (
 *   INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (:email!, :jobSectorId, now(), now())
 *   ON CONFLICT (email) DO NOTHING RETURNING id
 * ), subscriptions AS (
 *   INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
 *   SELECT reader.id, newsletter, 'pending', now(), now() FROM reader, unnest(:newsletterIds!::int[]) AS newsletter
 * )
 * SELECT id FROM reader
 * ```
 */
export const insertNewReader = new PreparedQuery<IInsertNewReaderParams,IInsertNewReaderResult>(insertNewReaderIR);


/** 'FindOrCreate' parameters type */
export interface IFindOrCreateParams {
  email: string;
  jobSectorId?: number | null | void;
}

/** 'FindOrCreate' return type */
export interface IFindOrCreateResult {
  id: number;
}

/** 'FindOrCreate' query type */
export interface IFindOrCreateQuery {
  params: IFindOrCreateParams;
  result: IFindOrCreateResult;
}

const findOrCreateIR: any = {"usedParamSet":{"email":true,"jobSectorId":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":79,"b":85}]},{"name":"jobSectorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":88,"b":99}]}],"statement":"INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (:email!, :jobSectorId, now(), now())\nON CONFLICT (email) DO NOTHING RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (:email!, :jobSectorId, now(), now())
 * ON CONFLICT (email) DO NOTHING RETURNING id
 * ```
 */
export const findOrCreate = new PreparedQuery<IFindOrCreateParams,IFindOrCreateResult>(findOrCreateIR);


/** 'FindOrCreate2' parameters type */
export interface IFindOrCreate2Params {
  email: string;
}

/** 'FindOrCreate2' return type */
export interface IFindOrCreate2Result {
  id: number;
}

/** 'FindOrCreate2' query type */
export interface IFindOrCreate2Query {
  params: IFindOrCreate2Params;
  result: IFindOrCreate2Result;
}

const findOrCreate2IR: any = {"usedParamSet":{"email":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":41,"b":47}]}],"statement":"SELECT id FROM subscribers WHERE email = :email!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM subscribers WHERE email = :email!
 * ```
 */
export const findOrCreate2 = new PreparedQuery<IFindOrCreate2Params,IFindOrCreate2Result>(findOrCreate2IR);


/** 'HasActiveSubscription' parameters type */
export interface IHasActiveSubscriptionParams {
  subscriberId: number;
}

/** 'HasActiveSubscription' return type */
export interface IHasActiveSubscriptionResult {
  found: number;
}

/** 'HasActiveSubscription' query type */
export interface IHasActiveSubscriptionQuery {
  params: IHasActiveSubscriptionParams;
  result: IHasActiveSubscriptionResult;
}

const hasActiveSubscriptionIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":62,"b":75}]}],"statement":"SELECT 1 AS \"found!\" FROM subscriptions WHERE subscriber_id = :subscriberId! AND status = 'active' LIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT 1 AS "found!" FROM subscriptions WHERE subscriber_id = :subscriberId! AND status = 'active' LIMIT 1
 * ```
 */
export const hasActiveSubscription = new PreparedQuery<IHasActiveSubscriptionParams,IHasActiveSubscriptionResult>(hasActiveSubscriptionIR);


/** 'AddPending' parameters type */
export interface IAddPendingParams {
  newsletterIds: Array<number | null>;
  subscriberId: number;
}

/** 'AddPending' return type */
export type IAddPendingResult = void;

/** 'AddPending' query type */
export interface IAddPendingQuery {
  params: IAddPendingParams;
  result: IAddPendingResult;
}

const addPendingIR: any = {"usedParamSet":{"subscriberId":true,"newsletterIds":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":96,"b":109}]},{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":160,"b":174}]}],"statement":"INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)\nSELECT :subscriberId!, newsletter, 'pending', now(), now() FROM unnest(:newsletterIds!::int[]) AS newsletter\nON CONFLICT (subscriber_id, newsletter_id) DO UPDATE\n  SET status = 'pending', unsubscribed_at = NULL, updated_at = now()\n  WHERE subscriptions.status = 'unsubscribed'"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
 * SELECT :subscriberId!, newsletter, 'pending', now(), now() FROM unnest(:newsletterIds!::int[]) AS newsletter
 * ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
 *   SET status = 'pending', unsubscribed_at = NULL, updated_at = now()
 *   WHERE subscriptions.status = 'unsubscribed'
 * ```
 */
export const addPending = new PreparedQuery<IAddPendingParams,IAddPendingResult>(addPendingIR);


/** 'SetJobSector' parameters type */
export interface ISetJobSectorParams {
  jobSectorId?: number | null | void;
  subscriberId: number;
}

/** 'SetJobSector' return type */
export type ISetJobSectorResult = void;

/** 'SetJobSector' query type */
export interface ISetJobSectorQuery {
  params: ISetJobSectorParams;
  result: ISetJobSectorResult;
}

const setJobSectorIR: any = {"usedParamSet":{"jobSectorId":true,"subscriberId":true},"params":[{"name":"jobSectorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":39,"b":50}]},{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":83,"b":96}]}],"statement":"UPDATE subscribers SET job_sector_id = :jobSectorId, updated_at = now() WHERE id = :subscriberId!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE subscribers SET job_sector_id = :jobSectorId, updated_at = now() WHERE id = :subscriberId!
 * ```
 */
export const setJobSector = new PreparedQuery<ISetJobSectorParams,ISetJobSectorResult>(setJobSectorIR);


/** 'PendingNewsletterIds' parameters type */
export interface IPendingNewsletterIdsParams {
  subscriberId: number;
}

/** 'PendingNewsletterIds' return type */
export interface IPendingNewsletterIdsResult {
  newsletter_id: number;
}

/** 'PendingNewsletterIds' query type */
export interface IPendingNewsletterIdsQuery {
  params: IPendingNewsletterIdsParams;
  result: IPendingNewsletterIdsResult;
}

const pendingNewsletterIdsIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":62,"b":75}]}],"statement":"SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :subscriberId! AND status = 'pending' ORDER BY newsletter_id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :subscriberId! AND status = 'pending' ORDER BY newsletter_id
 * ```
 */
export const pendingNewsletterIds = new PreparedQuery<IPendingNewsletterIdsParams,IPendingNewsletterIdsResult>(pendingNewsletterIdsIR);


/** 'ActivatePending' parameters type */
export interface IActivatePendingParams {
  subscriberId: number;
}

/** 'ActivatePending' return type */
export interface IActivatePendingResult {
  newsletter_id: number;
}

/** 'ActivatePending' query type */
export interface IActivatePendingQuery {
  params: IActivatePendingParams;
  result: IActivatePendingResult;
}

const activatePendingIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":107,"b":120}]}],"statement":"UPDATE subscriptions SET status = 'active', confirmed_at = now(), updated_at = now()\nWHERE subscriber_id = :subscriberId! AND status = 'pending' RETURNING newsletter_id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE subscriptions SET status = 'active', confirmed_at = now(), updated_at = now()
 * WHERE subscriber_id = :subscriberId! AND status = 'pending' RETURNING newsletter_id
 * ```
 */
export const activatePending = new PreparedQuery<IActivatePendingParams,IActivatePendingResult>(activatePendingIR);


/** 'Reader' parameters type */
export interface IReaderParams {
  subscriberId: number;
}

/** 'Reader' return type */
export interface IReaderResult {
  email: string;
  id: number;
  job_sector_id: number | null;
  public_id: string;
  statuses: Json | null;
}

/** 'Reader' query type */
export interface IReaderQuery {
  params: IReaderParams;
  result: IReaderResult;
}

const readerIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":216,"b":229}]}],"statement":"SELECT r.id, r.public_id, r.email, r.job_sector_id,\n       (SELECT json_agg(json_build_array(s.newsletter_id, s.status)) FROM subscriptions s WHERE s.subscriber_id = r.id) AS statuses\nFROM subscribers r WHERE r.id = :subscriberId! AND r.erased_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.id, r.public_id, r.email, r.job_sector_id,
 *        (SELECT json_agg(json_build_array(s.newsletter_id, s.status)) FROM subscriptions s WHERE s.subscriber_id = r.id) AS statuses
 * FROM subscribers r WHERE r.id = :subscriberId! AND r.erased_at IS NULL
 * ```
 */
export const reader = new PreparedQuery<IReaderParams,IReaderResult>(readerIR);


/** 'ReaderByPublicId' parameters type */
export interface IReaderByPublicIdParams {
  publicId: string;
}

/** 'ReaderByPublicId' return type */
export interface IReaderByPublicIdResult {
  email: string;
  id: number;
  job_sector_id: number | null;
  public_id: string;
  statuses: Json | null;
}

/** 'ReaderByPublicId' query type */
export interface IReaderByPublicIdQuery {
  params: IReaderByPublicIdParams;
  result: IReaderByPublicIdResult;
}

const readerByPublicIdIR: any = {"usedParamSet":{"publicId":true},"params":[{"name":"publicId","required":true,"transform":{"type":"scalar"},"locs":[{"a":223,"b":232}]}],"statement":"SELECT r.id, r.public_id, r.email, r.job_sector_id,\n       (SELECT json_agg(json_build_array(s.newsletter_id, s.status)) FROM subscriptions s WHERE s.subscriber_id = r.id) AS statuses\nFROM subscribers r WHERE r.public_id = :publicId! AND r.erased_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.id, r.public_id, r.email, r.job_sector_id,
 *        (SELECT json_agg(json_build_array(s.newsletter_id, s.status)) FROM subscriptions s WHERE s.subscriber_id = r.id) AS statuses
 * FROM subscribers r WHERE r.public_id = :publicId! AND r.erased_at IS NULL
 * ```
 */
export const readerByPublicId = new PreparedQuery<IReaderByPublicIdParams,IReaderByPublicIdResult>(readerByPublicIdIR);


/** 'IdByPublicId' parameters type */
export interface IIdByPublicIdParams {
  publicId: string;
}

/** 'IdByPublicId' return type */
export interface IIdByPublicIdResult {
  id: number;
}

/** 'IdByPublicId' query type */
export interface IIdByPublicIdQuery {
  params: IIdByPublicIdParams;
  result: IIdByPublicIdResult;
}

const idByPublicIdIR: any = {"usedParamSet":{"publicId":true},"params":[{"name":"publicId","required":true,"transform":{"type":"scalar"},"locs":[{"a":45,"b":54}]}],"statement":"SELECT id FROM subscribers WHERE public_id = :publicId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM subscribers WHERE public_id = :publicId!
 * ```
 */
export const idByPublicId = new PreparedQuery<IIdByPublicIdParams,IIdByPublicIdResult>(idByPublicIdIR);


/** 'Unsubscribe' parameters type */
export interface IUnsubscribeParams {
  newsletterId?: number | null | void;
  subscriberId: number;
}

/** 'Unsubscribe' return type */
export interface IUnsubscribeResult {
  newsletter_id: number;
}

/** 'Unsubscribe' query type */
export interface IUnsubscribeQuery {
  params: IUnsubscribeParams;
  result: IUnsubscribeResult;
}

const unsubscribeIR: any = {"usedParamSet":{"subscriberId":true,"newsletterId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":116,"b":129}]},{"name":"newsletterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":172,"b":184},{"a":218,"b":230}]}],"statement":"UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now()\nWHERE subscriber_id = :subscriberId! AND status IN ('pending', 'active') AND (:newsletterId::int IS NULL OR newsletter_id = :newsletterId)\nRETURNING newsletter_id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now()
 * WHERE subscriber_id = :subscriberId! AND status IN ('pending', 'active') AND (:newsletterId::int IS NULL OR newsletter_id = :newsletterId)
 * RETURNING newsletter_id
 * ```
 */
export const unsubscribe = new PreparedQuery<IUnsubscribeParams,IUnsubscribeResult>(unsubscribeIR);


/** 'Suppress' parameters type */
export interface ISuppressParams {
  reason: string;
  subscriberIds: Array<number | null>;
}

/** 'Suppress' return type */
export interface ISuppressResult {
  id: number;
}

/** 'Suppress' query type */
export interface ISuppressQuery {
  params: ISuppressParams;
  result: ISuppressResult;
}

const suppressIR: any = {"usedParamSet":{"reason":true,"subscriberIds":true},"params":[{"name":"reason","required":true,"transform":{"type":"scalar"},"locs":[{"a":67,"b":74}]},{"name":"subscriberIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":111,"b":125}]}],"statement":"UPDATE subscribers SET suppressed_at = now(), suppression_reason = :reason!, updated_at = now()\nWHERE id = ANY(:subscriberIds!::int[]) AND suppressed_at IS NULL RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE subscribers SET suppressed_at = now(), suppression_reason = :reason!, updated_at = now()
 * WHERE id = ANY(:subscriberIds!::int[]) AND suppressed_at IS NULL RETURNING id
 * ```
 */
export const suppress = new PreparedQuery<ISuppressParams,ISuppressResult>(suppressIR);


/** 'SuppressErased' parameters type */
export interface ISuppressErasedParams {
  subscriberId: number;
}

/** 'SuppressErased' return type */
export type ISuppressErasedResult = void;

/** 'SuppressErased' query type */
export interface ISuppressErasedQuery {
  params: ISuppressErasedParams;
  result: ISuppressErasedResult;
}

const suppressErasedIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":132,"b":145}]}],"statement":"UPDATE subscribers SET suppressed_at = coalesce(suppressed_at, now()), suppression_reason = 'erased', updated_at = now() WHERE id = :subscriberId!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE subscribers SET suppressed_at = coalesce(suppressed_at, now()), suppression_reason = 'erased', updated_at = now() WHERE id = :subscriberId!
 * ```
 */
export const suppressErased = new PreparedQuery<ISuppressErasedParams,ISuppressErasedResult>(suppressErasedIR);


/** 'SuppressByEditor' parameters type */
export interface ISuppressByEditorParams {
  editorId: number;
  reason: string;
  subscriberId: number;
}

/** 'SuppressByEditor' return type */
export interface ISuppressByEditorResult {
  id: number;
}

/** 'SuppressByEditor' query type */
export interface ISuppressByEditorQuery {
  params: ISuppressByEditorParams;
  result: ISuppressByEditorResult;
}

const suppressByEditorIR: any = {"usedParamSet":{"reason":true,"subscriberId":true,"editorId":true},"params":[{"name":"reason","required":true,"transform":{"type":"scalar"},"locs":[{"a":90,"b":97},{"a":307,"b":314}]},{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":132,"b":145}]},{"name":"editorId","required":true,"transform":{"type":"scalar"},"locs":[{"a":281,"b":290}]}],"statement":"WITH suppressed AS (\n  UPDATE subscribers SET suppressed_at = now(), suppression_reason = :reason!, updated_at = now()\n  WHERE id = :subscriberId! AND suppressed_at IS NULL RETURNING id\n)\nINSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)\nSELECT id, :editorId!, 'suppressed', :reason!, now() FROM suppressed RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * WITH suppressed AS (
 *   UPDATE subscribers SET suppressed_at = now(), suppression_reason = :reason!, updated_at = now()
 *   WHERE id = :subscriberId! AND suppressed_at IS NULL RETURNING id
 * )
 * INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
 * SELECT id, :editorId!, 'suppressed', :reason!, now() FROM suppressed RETURNING id
 * ```
 */
export const suppressByEditor = new PreparedQuery<ISuppressByEditorParams,ISuppressByEditorResult>(suppressByEditorIR);


/** 'UnsuppressByEditor' parameters type */
export interface IUnsuppressByEditorParams {
  editorId: number;
  reason: string;
  subscriberId: number;
}

/** 'UnsuppressByEditor' return type */
export interface IUnsuppressByEditorResult {
  id: number;
}

/** 'UnsuppressByEditor' query type */
export interface IUnsuppressByEditorQuery {
  params: IUnsuppressByEditorParams;
  result: IUnsuppressByEditorResult;
}

const unsuppressByEditorIR: any = {"usedParamSet":{"subscriberId":true,"editorId":true,"reason":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":123,"b":136}]},{"name":"editorId","required":true,"transform":{"type":"scalar"},"locs":[{"a":276,"b":285}]},{"name":"reason","required":true,"transform":{"type":"scalar"},"locs":[{"a":304,"b":311}]}],"statement":"WITH lifted AS (\n  UPDATE subscribers SET suppressed_at = NULL, suppression_reason = NULL, updated_at = now()\n  WHERE id = :subscriberId! AND suppressed_at IS NOT NULL RETURNING id\n)\nINSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)\nSELECT id, :editorId!, 'unsuppressed', :reason!, now() FROM lifted RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * WITH lifted AS (
 *   UPDATE subscribers SET suppressed_at = NULL, suppression_reason = NULL, updated_at = now()
 *   WHERE id = :subscriberId! AND suppressed_at IS NOT NULL RETURNING id
 * )
 * INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
 * SELECT id, :editorId!, 'unsuppressed', :reason!, now() FROM lifted RETURNING id
 * ```
 */
export const unsuppressByEditor = new PreparedQuery<IUnsuppressByEditorParams,IUnsuppressByEditorResult>(unsuppressByEditorIR);


/** 'FindIdByEmail' parameters type */
export interface IFindIdByEmailParams {
  email: string;
}

/** 'FindIdByEmail' return type */
export interface IFindIdByEmailResult {
  id: number;
}

/** 'FindIdByEmail' query type */
export interface IFindIdByEmailQuery {
  params: IFindIdByEmailParams;
  result: IFindIdByEmailResult;
}

const findIdByEmailIR: any = {"usedParamSet":{"email":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":41,"b":47}]}],"statement":"SELECT id FROM subscribers WHERE email = :email! AND erased_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM subscribers WHERE email = :email! AND erased_at IS NULL
 * ```
 */
export const findIdByEmail = new PreparedQuery<IFindIdByEmailParams,IFindIdByEmailResult>(findIdByEmailIR);


/** 'ReaderRecord' parameters type */
export interface IReaderRecordParams {
  subscriberId: number;
}

/** 'ReaderRecord' return type */
export interface IReaderRecordResult {
  createdAt: Date;
  email: string;
  id: number;
  jobSectorId: number | null;
  subscriptions: Json | null;
  suppressedAt: Date | null;
  suppressionReason: string | null;
}

/** 'ReaderRecord' query type */
export interface IReaderRecordQuery {
  params: IReaderRecordParams;
  result: IReaderRecordResult;
}

const readerRecordIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":538,"b":551}]}],"statement":"SELECT r.id, r.email, r.job_sector_id AS \"jobSectorId\", r.suppressed_at AS \"suppressedAt\", r.suppression_reason AS \"suppressionReason\",\n       r.created_at AS \"createdAt\",\n       (SELECT json_agg(json_build_object('newsletterId', s.newsletter_id, 'status', s.status, 'createdAt', s.created_at,\n                                          'confirmedAt', s.confirmed_at, 'unsubscribedAt', s.unsubscribed_at) ORDER BY s.newsletter_id)\n        FROM subscriptions s WHERE s.subscriber_id = r.id) AS subscriptions\nFROM subscribers r WHERE r.id = :subscriberId! AND r.erased_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.id, r.email, r.job_sector_id AS "jobSectorId", r.suppressed_at AS "suppressedAt", r.suppression_reason AS "suppressionReason",
 *        r.created_at AS "createdAt",
 *        (SELECT json_agg(json_build_object('newsletterId', s.newsletter_id, 'status', s.status, 'createdAt', s.created_at,
 *                                           'confirmedAt', s.confirmed_at, 'unsubscribedAt', s.unsubscribed_at) ORDER BY s.newsletter_id)
 *         FROM subscriptions s WHERE s.subscriber_id = r.id) AS subscriptions
 * FROM subscribers r WHERE r.id = :subscriberId! AND r.erased_at IS NULL
 * ```
 */
export const readerRecord = new PreparedQuery<IReaderRecordParams,IReaderRecordResult>(readerRecordIR);


/** 'AddReaderAction' parameters type */
export interface IAddReaderActionParams {
  action: string;
  editorId: number;
  subscriberId: number;
}

/** 'AddReaderAction' return type */
export type IAddReaderActionResult = void;

/** 'AddReaderAction' query type */
export interface IAddReaderActionQuery {
  params: IAddReaderActionParams;
  result: IAddReaderActionResult;
}

const addReaderActionIR: any = {"usedParamSet":{"subscriberId":true,"editorId":true,"action":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":82,"b":95}]},{"name":"editorId","required":true,"transform":{"type":"scalar"},"locs":[{"a":98,"b":107}]},{"name":"action","required":true,"transform":{"type":"scalar"},"locs":[{"a":110,"b":117}]}],"statement":"INSERT INTO reader_actions (subscriber_id, editor_id, action, created_at) VALUES (:subscriberId!, :editorId!, :action!, now())"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO reader_actions (subscriber_id, editor_id, action, created_at) VALUES (:subscriberId!, :editorId!, :action!, now())
 * ```
 */
export const addReaderAction = new PreparedQuery<IAddReaderActionParams,IAddReaderActionResult>(addReaderActionIR);


/** 'LockForErasure' parameters type */
export interface ILockForErasureParams {
  subscriberId: number;
}

/** 'LockForErasure' return type */
export interface ILockForErasureResult {
  newsletter_id: number;
}

/** 'LockForErasure' query type */
export interface ILockForErasureQuery {
  params: ILockForErasureParams;
  result: ILockForErasureResult;
}

const lockForErasureIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":62,"b":75}]}],"statement":"SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :subscriberId! ORDER BY newsletter_id FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :subscriberId! ORDER BY newsletter_id FOR UPDATE
 * ```
 */
export const lockForErasure = new PreparedQuery<ILockForErasureParams,ILockForErasureResult>(lockForErasureIR);


/** 'LockForErasure2' parameters type */
export interface ILockForErasure2Params {
  subscriberId: number;
}

/** 'LockForErasure2' return type */
export interface ILockForErasure2Result {
  email: string;
}

/** 'LockForErasure2' query type */
export interface ILockForErasure2Query {
  params: ILockForErasure2Params;
  result: ILockForErasure2Result;
}

const lockForErasure2IR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":41,"b":54}]}],"statement":"SELECT email FROM subscribers WHERE id = :subscriberId! AND erased_at IS NULL FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT email FROM subscribers WHERE id = :subscriberId! AND erased_at IS NULL FOR UPDATE
 * ```
 */
export const lockForErasure2 = new PreparedQuery<ILockForErasure2Params,ILockForErasure2Result>(lockForErasure2IR);


/** 'EmailOf' parameters type */
export interface IEmailOfParams {
  subscriberId: number;
}

/** 'EmailOf' return type */
export interface IEmailOfResult {
  email: string;
}

/** 'EmailOf' query type */
export interface IEmailOfQuery {
  params: IEmailOfParams;
  result: IEmailOfResult;
}

const emailOfIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":41,"b":54}]}],"statement":"SELECT email FROM subscribers WHERE id = :subscriberId! AND erased_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * SELECT email FROM subscribers WHERE id = :subscriberId! AND erased_at IS NULL
 * ```
 */
export const emailOf = new PreparedQuery<IEmailOfParams,IEmailOfResult>(emailOfIR);


/** 'EraseSubscriber' parameters type */
export interface IEraseSubscriberParams {
  editorId?: number | null | void;
  reason?: string | null | void;
  subscriberId: number;
}

/** 'EraseSubscriber' return type */
export interface IEraseSubscriberResult {
  id: number;
}

/** 'EraseSubscriber' query type */
export interface IEraseSubscriberQuery {
  params: IEraseSubscriberParams;
  result: IEraseSubscriberResult;
}

const eraseSubscriberIR: any = {"usedParamSet":{"subscriberId":true,"editorId":true,"reason":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":140,"b":153},{"a":270,"b":283}]},{"name":"editorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":403,"b":411}]},{"name":"reason","required":false,"transform":{"type":"scalar"},"locs":[{"a":423,"b":429}]}],"statement":"WITH erased AS (\n  UPDATE subscribers SET email = 'erased:' || id, job_sector_id = NULL, erased_at = now(), updated_at = now()\n  WHERE id = :subscriberId! AND erased_at IS NULL RETURNING id\n), reasons AS (\n  UPDATE reader_actions SET reason = NULL WHERE subscriber_id = :subscriberId! AND reason IS NOT NULL\n)\nINSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)\nSELECT id, :editorId, 'erase', :reason, now() FROM erased RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * WITH erased AS (
 *   UPDATE subscribers SET email = 'erased:' || id, job_sector_id = NULL, erased_at = now(), updated_at = now()
 *   WHERE id = :subscriberId! AND erased_at IS NULL RETURNING id
 * ), reasons AS (
 *   UPDATE reader_actions SET reason = NULL WHERE subscriber_id = :subscriberId! AND reason IS NOT NULL
 * )
 * INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
 * SELECT id, :editorId, 'erase', :reason, now() FROM erased RETURNING id
 * ```
 */
export const eraseSubscriber = new PreparedQuery<IEraseSubscriberParams,IEraseSubscriberResult>(eraseSubscriberIR);


/** 'ReaderActions' parameters type */
export interface IReaderActionsParams {
  subscriberId: number;
}

/** 'ReaderActions' return type */
export interface IReaderActionsResult {
  action: string;
  createdAt: Date;
  editorId: number | null;
  id: number;
  reason: string | null;
}

/** 'ReaderActions' query type */
export interface IReaderActionsQuery {
  params: IReaderActionsParams;
  result: IReaderActionsResult;
}

const readerActionsIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":120,"b":133}]}],"statement":"SELECT id, editor_id AS \"editorId\", action, reason, created_at AS \"createdAt\"\nFROM reader_actions WHERE subscriber_id = :subscriberId! ORDER BY id DESC"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, editor_id AS "editorId", action, reason, created_at AS "createdAt"
 * FROM reader_actions WHERE subscriber_id = :subscriberId! ORDER BY id DESC
 * ```
 */
export const readerActions = new PreparedQuery<IReaderActionsParams,IReaderActionsResult>(readerActionsIR);


/** 'SetStatus' parameters type */
export interface ISetStatusParams {
  newsletterId: number;
  status: string;
  subscriberId: number;
}

/** 'SetStatus' return type */
export type ISetStatusResult = void;

/** 'SetStatus' query type */
export interface ISetStatusQuery {
  params: ISetStatusParams;
  result: ISetStatusResult;
}

const setStatusIR: any = {"usedParamSet":{"subscriberId":true,"newsletterId":true,"status":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":128,"b":141}]},{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":144,"b":157}]},{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":160,"b":167},{"a":189,"b":196},{"a":244,"b":251}]}],"statement":"INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, unsubscribed_at, created_at, updated_at)\nVALUES (:subscriberId!, :newsletterId!, :status!::varchar, CASE WHEN :status!::varchar = 'active' THEN now() END, CASE WHEN :status!::varchar = 'unsubscribed' THEN now() END, now(), now())\nON CONFLICT (subscriber_id, newsletter_id) DO UPDATE\n  SET status = excluded.status,\n      confirmed_at = CASE WHEN excluded.status = 'active' THEN coalesce(subscriptions.confirmed_at, now()) ELSE subscriptions.confirmed_at END,\n      unsubscribed_at = excluded.unsubscribed_at, updated_at = now()"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, unsubscribed_at, created_at, updated_at)
 * VALUES (:subscriberId!, :newsletterId!, :status!::varchar, CASE WHEN :status!::varchar = 'active' THEN now() END, CASE WHEN :status!::varchar = 'unsubscribed' THEN now() END, now(), now())
 * ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
 *   SET status = excluded.status,
 *       confirmed_at = CASE WHEN excluded.status = 'active' THEN coalesce(subscriptions.confirmed_at, now()) ELSE subscriptions.confirmed_at END,
 *       unsubscribed_at = excluded.unsubscribed_at, updated_at = now()
 * ```
 */
export const setStatus = new PreparedQuery<ISetStatusParams,ISetStatusResult>(setStatusIR);


/** 'IsStaleUnconfirmed' parameters type */
export interface IIsStaleUnconfirmedParams {
  days: number;
  subscriberId: number;
}

/** 'IsStaleUnconfirmed' return type */
export interface IIsStaleUnconfirmedResult {
  stale: number;
}

/** 'IsStaleUnconfirmed' query type */
export interface IIsStaleUnconfirmedQuery {
  params: IIsStaleUnconfirmedParams;
  result: IIsStaleUnconfirmedResult;
}

const isStaleUnconfirmedIR: any = {"usedParamSet":{"subscriberId":true,"days":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":364,"b":377}]},{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":454,"b":459},{"a":742,"b":747},{"a":885,"b":890}]}],"statement":"-- An unconfirmed sign-up older than the given days is one whose every subscription is pending and\n-- never confirmed, none touched since, and no account email since (a repeated sign-up). The\n-- account emails table belongs to the signup module and is only read here. staleUnconfirmed\n-- applies the same test.\nSELECT 1 AS \"stale!\" FROM subscribers r\nWHERE r.id = :subscriberId! AND r.erased_at IS NULL\n  AND r.created_at < now() - make_interval(days => :days!::int)\n  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)\n  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id\n                  AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => :days!::int)))\n  AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => :days!::int))"};

/**
 * Query generated from SQL:
 * ```
 * -- An unconfirmed sign-up older than the given days is one whose every subscription is pending and
 * -- never confirmed, none touched since, and no account email since (a repeated sign-up). The
 * -- account emails table belongs to the signup module and is only read here. staleUnconfirmed
 * -- applies the same test.
 * SELECT 1 AS "stale!" FROM subscribers r
 * WHERE r.id = :subscriberId! AND r.erased_at IS NULL
 *   AND r.created_at < now() - make_interval(days => :days!::int)
 *   AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)
 *   AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id
 *                   AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => :days!::int)))
 *   AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => :days!::int))
 * ```
 */
export const isStaleUnconfirmed = new PreparedQuery<IIsStaleUnconfirmedParams,IIsStaleUnconfirmedResult>(isStaleUnconfirmedIR);


/** 'StaleUnconfirmed' parameters type */
export interface IStaleUnconfirmedParams {
  after: number;
  days: number;
  limit: NumberOrString;
  newsletterIds: Array<number | null>;
}

/** 'StaleUnconfirmed' return type */
export interface IStaleUnconfirmedResult {
  id: number;
}

/** 'StaleUnconfirmed' query type */
export interface IStaleUnconfirmedQuery {
  params: IStaleUnconfirmedParams;
  result: IStaleUnconfirmedResult;
}

const staleUnconfirmedIR: any = {"usedParamSet":{"newsletterIds":true,"after":true,"days":true,"limit":true},"params":[{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":133,"b":147}]},{"name":"after","required":true,"transform":{"type":"scalar"},"locs":[{"a":204,"b":210}]},{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":290,"b":295},{"a":578,"b":583},{"a":721,"b":726}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":755,"b":761}]}],"statement":"SELECT r.id FROM subscribers r\nWHERE r.id IN (SELECT s.subscriber_id FROM subscriptions s\n               WHERE s.newsletter_id = ANY(:newsletterIds!::int[]) AND s.status = 'pending' AND s.subscriber_id > :after!)\n  AND r.erased_at IS NULL\n  AND r.created_at < now() - make_interval(days => :days!::int)\n  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)\n  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id\n                  AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => :days!::int)))\n  AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => :days!::int))\nORDER BY r.id LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.id FROM subscribers r
 * WHERE r.id IN (SELECT s.subscriber_id FROM subscriptions s
 *                WHERE s.newsletter_id = ANY(:newsletterIds!::int[]) AND s.status = 'pending' AND s.subscriber_id > :after!)
 *   AND r.erased_at IS NULL
 *   AND r.created_at < now() - make_interval(days => :days!::int)
 *   AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)
 *   AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id
 *                   AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => :days!::int)))
 *   AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => :days!::int))
 * ORDER BY r.id LIMIT :limit!
 * ```
 */
export const staleUnconfirmed = new PreparedQuery<IStaleUnconfirmedParams,IStaleUnconfirmedResult>(staleUnconfirmedIR);


/** 'ImportReaders' parameters type */
export interface IImportReadersParams {
  emails: Array<string | null>;
  newsletterId: number;
  personal: Array<string | null>;
  sectorIds: Array<number | null>;
  status: string;
}

/** 'ImportReaders' return type */
export interface IImportReadersResult {
  counts: Json;
  joined: Json;
}

/** 'ImportReaders' query type */
export interface IImportReadersQuery {
  params: IImportReadersParams;
  result: IImportReadersResult;
}

const importReadersIR: any = {"usedParamSet":{"emails":true,"sectorIds":true,"personal":true,"newsletterId":true,"status":true},"params":[{"name":"emails","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":46}]},{"name":"sectorIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":57,"b":67}]},{"name":"personal","required":true,"transform":{"type":"scalar"},"locs":[{"a":77,"b":86}]},{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":682,"b":695},{"a":1571,"b":1584}]},{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":1592,"b":1599},{"a":1621,"b":1628}]}],"statement":"WITH input AS (\n  SELECT * FROM unnest(:emails!::text[], :sectorIds!::int[], :personal!::text[]) AS i(email, sector_id, personal)\n), classified AS (\n  SELECT i.email, i.sector_id, i.personal, k.id AS subscriber_id,\n         CASE WHEN k.id IS NULL THEN 'new' WHEN k.suppressed THEN 'suppressed' WHEN k.status = 'unsubscribed' THEN 'unsubscribed'\n              WHEN k.status = 'active' THEN 'already_subscribed' WHEN k.status = 'pending' THEN 'already_pending' ELSE 'known' END AS outcome\n  FROM input i LEFT JOIN LATERAL (\n    SELECT r.id, r.suppressed_at IS NOT NULL AS suppressed,\n           (SELECT s.status FROM subscriptions s WHERE s.subscriber_id = r.id AND s.newsletter_id = :newsletterId!::int) AS status\n    FROM subscribers r WHERE r.email = i.email\n    -- OFFSET 0 keeps this a probe of the email index per address. As a join, stale statistics\n    -- during a large import led the planner to read every reader for every batch.\n    OFFSET 0\n  ) k ON true\n), new_readers AS (\n  INSERT INTO subscribers (email, job_sector_id, created_at, updated_at)\n  SELECT email, sector_id, now(), now() FROM classified WHERE outcome = 'new' ORDER BY email\n  ON CONFLICT (email) DO NOTHING RETURNING id, email\n), targets AS (\n  SELECT coalesce(n.id, c.subscriber_id) AS subscriber_id, c.email, c.personal, c.outcome\n  FROM classified c LEFT JOIN new_readers n ON n.email = c.email\n  WHERE n.id IS NOT NULL OR c.outcome = 'known'\n), subscribed AS (\n  INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)\n  SELECT subscriber_id, :newsletterId!::int, :status!::varchar, CASE WHEN :status!::varchar = 'active' THEN now() END, now(), now()\n  FROM targets ORDER BY subscriber_id\n  ON CONFLICT (subscriber_id, newsletter_id) DO NOTHING RETURNING subscriber_id\n), joined AS (\n  SELECT t.subscriber_id, t.personal, t.email, t.outcome\n  FROM subscribed s JOIN targets t ON t.subscriber_id = s.subscriber_id\n)\nSELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (\n          -- A new address someone signed up with meanwhile, or a subscription a sign-up made meanwhile, is pending already.\n          SELECT CASE WHEN c.outcome IN ('new', 'known') THEN CASE WHEN j.email IS NULL THEN 'already_pending' ELSE 'created' END ELSE c.outcome END AS outcome,\n                 count(*)::int AS n\n          FROM classified c LEFT JOIN joined j ON j.email = c.email GROUP BY 1) o) AS \"counts!\",\n       (SELECT coalesce(json_agg(json_build_object('subscriberId', subscriber_id, 'personal', personal, 'known', outcome = 'known') ORDER BY subscriber_id), '[]')\n        FROM joined) AS \"joined!\""};

/**
 * Query generated from SQL:
 * ```
 * WITH input AS (
 *   SELECT * FROM unnest(:emails!::text[], :sectorIds!::int[], :personal!::text[]) AS i(email, sector_id, personal)
 * ), classified AS (
 *   SELECT i.email, i.sector_id, i.personal, k.id AS subscriber_id,
 *          CASE WHEN k.id IS NULL THEN 'new' WHEN k.suppressed THEN 'suppressed' WHEN k.status = 'unsubscribed' THEN 'unsubscribed'
 *               WHEN k.status = 'active' THEN 'already_subscribed' WHEN k.status = 'pending' THEN 'already_pending' ELSE 'known' END AS outcome
 *   FROM input i LEFT JOIN LATERAL (
 *     SELECT r.id, r.suppressed_at IS NOT NULL AS suppressed,
 *            (SELECT s.status FROM subscriptions s WHERE s.subscriber_id = r.id AND s.newsletter_id = :newsletterId!::int) AS status
 *     FROM subscribers r WHERE r.email = i.email
 *     -- OFFSET 0 keeps this a probe of the email index per address. As a join, stale statistics
 *     -- during a large import led the planner to read every reader for every batch.
 *     OFFSET 0
 *   ) k ON true
 * ), new_readers AS (
 *   INSERT INTO subscribers (email, job_sector_id, created_at, updated_at)
 *   SELECT email, sector_id, now(), now() FROM classified WHERE outcome = 'new' ORDER BY email
 *   ON CONFLICT (email) DO NOTHING RETURNING id, email
 * ), targets AS (
 *   SELECT coalesce(n.id, c.subscriber_id) AS subscriber_id, c.email, c.personal, c.outcome
 *   FROM classified c LEFT JOIN new_readers n ON n.email = c.email
 *   WHERE n.id IS NOT NULL OR c.outcome = 'known'
 * ), subscribed AS (
 *   INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
 *   SELECT subscriber_id, :newsletterId!::int, :status!::varchar, CASE WHEN :status!::varchar = 'active' THEN now() END, now(), now()
 *   FROM targets ORDER BY subscriber_id
 *   ON CONFLICT (subscriber_id, newsletter_id) DO NOTHING RETURNING subscriber_id
 * ), joined AS (
 *   SELECT t.subscriber_id, t.personal, t.email, t.outcome
 *   FROM subscribed s JOIN targets t ON t.subscriber_id = s.subscriber_id
 * )
 * SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
 *           -- A new address someone signed up with meanwhile, or a subscription a sign-up made meanwhile, is pending already.
 *           SELECT CASE WHEN c.outcome IN ('new', 'known') THEN CASE WHEN j.email IS NULL THEN 'already_pending' ELSE 'created' END ELSE c.outcome END AS outcome,
 *                  count(*)::int AS n
 *           FROM classified c LEFT JOIN joined j ON j.email = c.email GROUP BY 1) o) AS "counts!",
 *        (SELECT coalesce(json_agg(json_build_object('subscriberId', subscriber_id, 'personal', personal, 'known', outcome = 'known') ORDER BY subscriber_id), '[]')
 *         FROM joined) AS "joined!"
 * ```
 */
export const importReaders = new PreparedQuery<IImportReadersParams,IImportReadersResult>(importReadersIR);


/** 'ClassifyImport' parameters type */
export interface IClassifyImportParams {
  emails: Array<string | null>;
  newsletterId: number;
  personal: Array<string | null>;
  sectorIds: Array<number | null>;
}

/** 'ClassifyImport' return type */
export interface IClassifyImportResult {
  counts: Json;
  known: numberArray;
}

/** 'ClassifyImport' query type */
export interface IClassifyImportQuery {
  params: IClassifyImportParams;
  result: IClassifyImportResult;
}

const classifyImportIR: any = {"usedParamSet":{"emails":true,"sectorIds":true,"personal":true,"newsletterId":true},"params":[{"name":"emails","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":46}]},{"name":"sectorIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":57,"b":67}]},{"name":"personal","required":true,"transform":{"type":"scalar"},"locs":[{"a":77,"b":86}]},{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":682,"b":695}]}],"statement":"WITH input AS (\n  SELECT * FROM unnest(:emails!::text[], :sectorIds!::int[], :personal!::text[]) AS i(email, sector_id, personal)\n), classified AS (\n  SELECT i.email, i.sector_id, i.personal, k.id AS subscriber_id,\n         CASE WHEN k.id IS NULL THEN 'new' WHEN k.suppressed THEN 'suppressed' WHEN k.status = 'unsubscribed' THEN 'unsubscribed'\n              WHEN k.status = 'active' THEN 'already_subscribed' WHEN k.status = 'pending' THEN 'already_pending' ELSE 'known' END AS outcome\n  FROM input i LEFT JOIN LATERAL (\n    SELECT r.id, r.suppressed_at IS NOT NULL AS suppressed,\n           (SELECT s.status FROM subscriptions s WHERE s.subscriber_id = r.id AND s.newsletter_id = :newsletterId!::int) AS status\n    FROM subscribers r WHERE r.email = i.email\n    OFFSET 0\n  ) k ON true\n)\nSELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (\n          SELECT CASE WHEN outcome IN ('new', 'known') THEN 'created' ELSE outcome END AS outcome, count(*)::int AS n FROM classified GROUP BY 1) o) AS \"counts!\",\n       (SELECT coalesce(array_agg(subscriber_id), '{}') FROM classified WHERE outcome = 'known') AS \"known!\""};

/**
 * Query generated from SQL:
 * ```
 * WITH input AS (
 *   SELECT * FROM unnest(:emails!::text[], :sectorIds!::int[], :personal!::text[]) AS i(email, sector_id, personal)
 * ), classified AS (
 *   SELECT i.email, i.sector_id, i.personal, k.id AS subscriber_id,
 *          CASE WHEN k.id IS NULL THEN 'new' WHEN k.suppressed THEN 'suppressed' WHEN k.status = 'unsubscribed' THEN 'unsubscribed'
 *               WHEN k.status = 'active' THEN 'already_subscribed' WHEN k.status = 'pending' THEN 'already_pending' ELSE 'known' END AS outcome
 *   FROM input i LEFT JOIN LATERAL (
 *     SELECT r.id, r.suppressed_at IS NOT NULL AS suppressed,
 *            (SELECT s.status FROM subscriptions s WHERE s.subscriber_id = r.id AND s.newsletter_id = :newsletterId!::int) AS status
 *     FROM subscribers r WHERE r.email = i.email
 *     OFFSET 0
 *   ) k ON true
 * )
 * SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
 *           SELECT CASE WHEN outcome IN ('new', 'known') THEN 'created' ELSE outcome END AS outcome, count(*)::int AS n FROM classified GROUP BY 1) o) AS "counts!",
 *        (SELECT coalesce(array_agg(subscriber_id), '{}') FROM classified WHERE outcome = 'known') AS "known!"
 * ```
 */
export const classifyImport = new PreparedQuery<IClassifyImportParams,IClassifyImportResult>(classifyImportIR);


