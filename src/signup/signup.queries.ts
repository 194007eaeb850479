/** Types generated for queries found in "src/signup/signup.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type NumberOrString = number | string;

export type numberArray = (number)[];

/** 'InsertRequest' parameters type */
export interface IInsertRequestParams {
  email: string;
  ip?: string | null | void;
  jobSectorId?: number | null | void;
  newsletterIds: Array<number | null>;
  noticeVersion: number;
  page?: string | null | void;
  source: string;
  userAgent?: string | null | void;
}

/** 'InsertRequest' return type */
export interface IInsertRequestResult {
  id: number;
}

/** 'InsertRequest' query type */
export interface IInsertRequestQuery {
  params: IInsertRequestParams;
  result: IInsertRequestResult;
}

const insertRequestIR: any = {"usedParamSet":{"email":true,"newsletterIds":true,"jobSectorId":true,"noticeVersion":true,"source":true,"ip":true,"userAgent":true,"page":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":133,"b":139}]},{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":142,"b":156}]},{"name":"jobSectorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":159,"b":170}]},{"name":"noticeVersion","required":true,"transform":{"type":"scalar"},"locs":[{"a":173,"b":187}]},{"name":"source","required":true,"transform":{"type":"scalar"},"locs":[{"a":190,"b":197}]},{"name":"ip","required":false,"transform":{"type":"scalar"},"locs":[{"a":200,"b":202}]},{"name":"userAgent","required":false,"transform":{"type":"scalar"},"locs":[{"a":205,"b":214}]},{"name":"page","required":false,"transform":{"type":"scalar"},"locs":[{"a":217,"b":221}]}],"statement":"INSERT INTO signup_requests (email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent, page, created_at)\nVALUES (:email!, :newsletterIds!, :jobSectorId, :noticeVersion!, :source!, :ip, :userAgent, :page, now()) RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO signup_requests (email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent, page, created_at)
 * VALUES (:email!, :newsletterIds!, :jobSectorId, :noticeVersion!, :source!, :ip, :userAgent, :page, now()) RETURNING id
 * ```
 */
export const insertRequest = new PreparedQuery<IInsertRequestParams,IInsertRequestResult>(insertRequestIR);


/** 'TakeRequest' parameters type */
export interface ITakeRequestParams {
  id: number;
}

/** 'TakeRequest' return type */
export interface ITakeRequestResult {
  createdAt: string;
  email: string;
  ip: string | null;
  jobSectorId: number | null;
  newsletterIds: numberArray;
  noticeVersion: number;
  page: string | null;
  source: string;
  userAgent: string | null;
}

/** 'TakeRequest' query type */
export interface ITakeRequestQuery {
  params: ITakeRequestParams;
  result: ITakeRequestResult;
}

const takeRequestIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":42}]}],"statement":"DELETE FROM signup_requests WHERE id = :id!\nRETURNING email, newsletter_ids AS \"newsletterIds\", job_sector_id AS \"jobSectorId\", notice_version AS \"noticeVersion\",\n          source, ip, user_agent AS \"userAgent\", page, created_at::text AS \"createdAt!\""};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM signup_requests WHERE id = :id!
 * RETURNING email, newsletter_ids AS "newsletterIds", job_sector_id AS "jobSectorId", notice_version AS "noticeVersion",
 *           source, ip, user_agent AS "userAgent", page, created_at::text AS "createdAt!"
 * ```
 */
export const takeRequest = new PreparedQuery<ITakeRequestParams,ITakeRequestResult>(takeRequestIR);


/** 'UnprocessedRequests' parameters type */
export type IUnprocessedRequestsParams = void;

/** 'UnprocessedRequests' return type */
export interface IUnprocessedRequestsResult {
  id: number;
}

/** 'UnprocessedRequests' query type */
export interface IUnprocessedRequestsQuery {
  params: IUnprocessedRequestsParams;
  result: IUnprocessedRequestsResult;
}

const unprocessedRequestsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id FROM signup_requests ORDER BY id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM signup_requests ORDER BY id
 * ```
 */
export const unprocessedRequests = new PreparedQuery<IUnprocessedRequestsParams,IUnprocessedRequestsResult>(unprocessedRequestsIR);


/** 'DeleteRequestsOlderThan' parameters type */
export interface IDeleteRequestsOlderThanParams {
  days: number;
}

/** 'DeleteRequestsOlderThan' return type */
export type IDeleteRequestsOlderThanResult = void;

/** 'DeleteRequestsOlderThan' query type */
export interface IDeleteRequestsOlderThanQuery {
  params: IDeleteRequestsOlderThanParams;
  result: IDeleteRequestsOlderThanResult;
}

const deleteRequestsOlderThanIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":77,"b":82}]}],"statement":"DELETE FROM signup_requests WHERE created_at < now() - make_interval(days => :days!)"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM signup_requests WHERE created_at < now() - make_interval(days => :days!)
 * ```
 */
export const deleteRequestsOlderThan = new PreparedQuery<IDeleteRequestsOlderThanParams,IDeleteRequestsOlderThanResult>(deleteRequestsOlderThanIR);


/** 'LockAccountEmails' parameters type */
export interface ILockAccountEmailsParams {
  subscriberId: number;
}

/** 'LockAccountEmails' return type */
export interface ILockAccountEmailsResult {
  pg_advisory_xact_lock: undefined | null;
}

/** 'LockAccountEmails' query type */
export interface ILockAccountEmailsQuery {
  params: ILockAccountEmailsParams;
  result: ILockAccountEmailsResult;
}

const lockAccountEmailsIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":57,"b":70}]}],"statement":"SELECT pg_advisory_xact_lock(hashtext('account-emails'), :subscriberId!)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT pg_advisory_xact_lock(hashtext('account-emails'), :subscriberId!)
 * ```
 */
export const lockAccountEmails = new PreparedQuery<ILockAccountEmailsParams,ILockAccountEmailsResult>(lockAccountEmailsIR);


/** 'AccountEmailsInLastDay' parameters type */
export interface IAccountEmailsInLastDayParams {
  subscriberId: number;
}

/** 'AccountEmailsInLastDay' return type */
export interface IAccountEmailsInLastDayResult {
  n: number;
}

/** 'AccountEmailsInLastDay' query type */
export interface IAccountEmailsInLastDayQuery {
  params: IAccountEmailsInLastDayParams;
  result: IAccountEmailsInLastDayResult;
}

const accountEmailsInLastDayIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":185,"b":198}]}],"statement":"-- Welcomes are not counted: confirming needs the mailbox, and each newsletter welcomes a reader once in 30 days.\nSELECT count(*)::int AS \"n!\" FROM account_emails WHERE subscriber_id = :subscriberId! AND created_at > now() - interval '1 day' AND kind <> 'welcome'"};

/**
 * Query generated from SQL:
 * ```
 * -- Welcomes are not counted: confirming needs the mailbox, and each newsletter welcomes a reader once in 30 days.
 * SELECT count(*)::int AS "n!" FROM account_emails WHERE subscriber_id = :subscriberId! AND created_at > now() - interval '1 day' AND kind <> 'welcome'
 * ```
 */
export const accountEmailsInLastDay = new PreparedQuery<IAccountEmailsInLastDayParams,IAccountEmailsInLastDayResult>(accountEmailsInLastDayIR);


/** 'UsableConfirmation' parameters type */
export interface IUsableConfirmationParams {
  tokenHash: string;
}

/** 'UsableConfirmation' return type */
export interface IUsableConfirmationResult {
  subscriber_id: number;
}

/** 'UsableConfirmation' query type */
export interface IUsableConfirmationQuery {
  params: IUsableConfirmationParams;
  result: IUsableConfirmationResult;
}

const usableConfirmationIR: any = {"usedParamSet":{"tokenHash":true},"params":[{"name":"tokenHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":60,"b":70}]}],"statement":"SELECT subscriber_id FROM account_emails\nWHERE token_hash = :tokenHash! AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now()"};

/**
 * Query generated from SQL:
 * ```
 * SELECT subscriber_id FROM account_emails
 * WHERE token_hash = :tokenHash! AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now()
 * ```
 */
export const usableConfirmation = new PreparedQuery<IUsableConfirmationParams,IUsableConfirmationResult>(usableConfirmationIR);


/** 'UsableLink' parameters type */
export interface IUsableLinkParams {
  kind: string;
  tokenHash: string;
}

/** 'UsableLink' return type */
export interface IUsableLinkResult {
  subscriber_id: number;
}

/** 'UsableLink' query type */
export interface IUsableLinkQuery {
  params: IUsableLinkParams;
  result: IUsableLinkResult;
}

const usableLinkIR: any = {"usedParamSet":{"tokenHash":true,"kind":true},"params":[{"name":"tokenHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":60,"b":70}]},{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":83,"b":88}]}],"statement":"SELECT subscriber_id FROM account_emails\nWHERE token_hash = :tokenHash! AND kind = :kind! AND used_at IS NULL AND expires_at > now()"};

/**
 * Query generated from SQL:
 * ```
 * SELECT subscriber_id FROM account_emails
 * WHERE token_hash = :tokenHash! AND kind = :kind! AND used_at IS NULL AND expires_at > now()
 * ```
 */
export const usableLink = new PreparedQuery<IUsableLinkParams,IUsableLinkResult>(usableLinkIR);


/** 'UseConfirmation' parameters type */
export interface IUseConfirmationParams {
  tokenHash: string;
}

/** 'UseConfirmation' return type */
export interface IUseConfirmationResult {
  subscriber_id: number;
}

/** 'UseConfirmation' query type */
export interface IUseConfirmationQuery {
  params: IUseConfirmationParams;
  result: IUseConfirmationResult;
}

const useConfirmationIR: any = {"usedParamSet":{"tokenHash":true},"params":[{"name":"tokenHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":61,"b":71}]}],"statement":"UPDATE account_emails SET used_at = now()\nWHERE token_hash = :tokenHash! AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now()\nRETURNING subscriber_id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE account_emails SET used_at = now()
 * WHERE token_hash = :tokenHash! AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now()
 * RETURNING subscriber_id
 * ```
 */
export const useConfirmation = new PreparedQuery<IUseConfirmationParams,IUseConfirmationResult>(useConfirmationIR);


/** 'UsedByActiveReader' parameters type */
export interface IUsedByActiveReaderParams {
  tokenHash: string;
}

/** 'UsedByActiveReader' return type */
export interface IUsedByActiveReaderResult {
  found: number;
}

/** 'UsedByActiveReader' query type */
export interface IUsedByActiveReaderQuery {
  params: IUsedByActiveReaderParams;
  result: IUsedByActiveReaderResult;
}

const usedByActiveReaderIR: any = {"usedParamSet":{"tokenHash":true},"params":[{"name":"tokenHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":146,"b":156}]}],"statement":"SELECT 1 AS \"found!\" FROM account_emails a JOIN subscriptions s ON s.subscriber_id = a.subscriber_id AND s.status = 'active'\nWHERE a.token_hash = :tokenHash! AND a.kind = 'confirmation' AND a.used_at IS NOT NULL LIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT 1 AS "found!" FROM account_emails a JOIN subscriptions s ON s.subscriber_id = a.subscriber_id AND s.status = 'active'
 * WHERE a.token_hash = :tokenHash! AND a.kind = 'confirmation' AND a.used_at IS NOT NULL LIMIT 1
 * ```
 */
export const usedByActiveReader = new PreparedQuery<IUsedByActiveReaderParams,IUsedByActiveReaderResult>(usedByActiveReaderIR);


/** 'TakeAccountEmail' parameters type */
export interface ITakeAccountEmailParams {
  id: number;
}

/** 'TakeAccountEmail' return type */
export interface ITakeAccountEmailResult {
  email: string;
  kind: string;
  newsletterId: number | null;
  publicId: string;
  subscriberId: number;
  suppressed: boolean;
}

/** 'TakeAccountEmail' query type */
export interface ITakeAccountEmailQuery {
  params: ITakeAccountEmailParams;
  result: ITakeAccountEmailResult;
}

const takeAccountEmailIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":105,"b":108}]}],"statement":"UPDATE account_emails a SET sending_until = now() + interval '2 minutes'\nFROM subscribers s\nWHERE a.id = :id! AND s.id = a.subscriber_id AND a.sent_at IS NULL AND a.skipped_at IS NULL AND a.failed_at IS NULL\n  AND (a.sending_until IS NULL OR a.sending_until < now())\nRETURNING a.subscriber_id AS \"subscriberId\", s.public_id AS \"publicId\", a.kind, a.newsletter_id AS \"newsletterId\", s.email, s.suppressed_at IS NOT NULL AS \"suppressed!\""};

/**
 * Query generated from SQL:
 * ```
 * UPDATE account_emails a SET sending_until = now() + interval '2 minutes'
 * FROM subscribers s
 * WHERE a.id = :id! AND s.id = a.subscriber_id AND a.sent_at IS NULL AND a.skipped_at IS NULL AND a.failed_at IS NULL
 *   AND (a.sending_until IS NULL OR a.sending_until < now())
 * RETURNING a.subscriber_id AS "subscriberId", s.public_id AS "publicId", a.kind, a.newsletter_id AS "newsletterId", s.email, s.suppressed_at IS NOT NULL AS "suppressed!"
 * ```
 */
export const takeAccountEmail = new PreparedQuery<ITakeAccountEmailParams,ITakeAccountEmailResult>(takeAccountEmailIR);


/** 'ReleaseAccountEmail' parameters type */
export interface IReleaseAccountEmailParams {
  id: number;
}

/** 'ReleaseAccountEmail' return type */
export type IReleaseAccountEmailResult = void;

/** 'ReleaseAccountEmail' query type */
export interface IReleaseAccountEmailQuery {
  params: IReleaseAccountEmailParams;
  result: IReleaseAccountEmailResult;
}

const releaseAccountEmailIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":58,"b":61}]}],"statement":"UPDATE account_emails SET sending_until = NULL WHERE id = :id! AND sent_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE account_emails SET sending_until = NULL WHERE id = :id! AND sent_at IS NULL
 * ```
 */
export const releaseAccountEmail = new PreparedQuery<IReleaseAccountEmailParams,IReleaseAccountEmailResult>(releaseAccountEmailIR);


/** 'MarkAccountEmailSkipped' parameters type */
export interface IMarkAccountEmailSkippedParams {
  id: number;
}

/** 'MarkAccountEmailSkipped' return type */
export type IMarkAccountEmailSkippedResult = void;

/** 'MarkAccountEmailSkipped' query type */
export interface IMarkAccountEmailSkippedQuery {
  params: IMarkAccountEmailSkippedParams;
  result: IMarkAccountEmailSkippedResult;
}

const markAccountEmailSkippedIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":56,"b":59}]}],"statement":"UPDATE account_emails SET skipped_at = now() WHERE id = :id! AND sent_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE account_emails SET skipped_at = now() WHERE id = :id! AND sent_at IS NULL
 * ```
 */
export const markAccountEmailSkipped = new PreparedQuery<IMarkAccountEmailSkippedParams,IMarkAccountEmailSkippedResult>(markAccountEmailSkippedIR);


/** 'MarkAccountEmailSent' parameters type */
export interface IMarkAccountEmailSentParams {
  id: number;
}

/** 'MarkAccountEmailSent' return type */
export type IMarkAccountEmailSentResult = void;

/** 'MarkAccountEmailSent' query type */
export interface IMarkAccountEmailSentQuery {
  params: IMarkAccountEmailSentParams;
  result: IMarkAccountEmailSentResult;
}

const markAccountEmailSentIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":53,"b":56}]}],"statement":"UPDATE account_emails SET sent_at = now() WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE account_emails SET sent_at = now() WHERE id = :id!
 * ```
 */
export const markAccountEmailSent = new PreparedQuery<IMarkAccountEmailSentParams,IMarkAccountEmailSentResult>(markAccountEmailSentIR);


/** 'MarkAccountEmailFailed' parameters type */
export interface IMarkAccountEmailFailedParams {
  error: string;
  id: number;
}

/** 'MarkAccountEmailFailed' return type */
export type IMarkAccountEmailFailedResult = void;

/** 'MarkAccountEmailFailed' query type */
export interface IMarkAccountEmailFailedQuery {
  params: IMarkAccountEmailFailedParams;
  result: IMarkAccountEmailFailedResult;
}

const markAccountEmailFailedIR: any = {"usedParamSet":{"error":true,"id":true},"params":[{"name":"error","required":true,"transform":{"type":"scalar"},"locs":[{"a":58,"b":64}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":99,"b":102}]}],"statement":"UPDATE account_emails SET failed_at = now(), last_error = :error!, sending_until = NULL WHERE id = :id! AND sent_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE account_emails SET failed_at = now(), last_error = :error!, sending_until = NULL WHERE id = :id! AND sent_at IS NULL
 * ```
 */
export const markAccountEmailFailed = new PreparedQuery<IMarkAccountEmailFailedParams,IMarkAccountEmailFailedResult>(markAccountEmailFailedIR);


/** 'UnsentAccountEmails' parameters type */
export type IUnsentAccountEmailsParams = void;

/** 'UnsentAccountEmails' return type */
export interface IUnsentAccountEmailsResult {
  id: number;
}

/** 'UnsentAccountEmails' query type */
export interface IUnsentAccountEmailsQuery {
  params: IUnsentAccountEmailsParams;
  result: IUnsentAccountEmailsResult;
}

const unsentAccountEmailsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id FROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL ORDER BY id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL ORDER BY id
 * ```
 */
export const unsentAccountEmails = new PreparedQuery<IUnsentAccountEmailsParams,IUnsentAccountEmailsResult>(unsentAccountEmailsIR);


/** 'LockAccountEmailsOf' parameters type */
export interface ILockAccountEmailsOfParams {
  subscriberIds: Array<number | null>;
}

/** 'LockAccountEmailsOf' return type */
export interface ILockAccountEmailsOfResult {
  pg_advisory_xact_lock: undefined | null;
}

/** 'LockAccountEmailsOf' query type */
export interface ILockAccountEmailsOfQuery {
  params: ILockAccountEmailsOfParams;
  result: ILockAccountEmailsOfResult;
}

const lockAccountEmailsOfIR: any = {"usedParamSet":{"subscriberIds":true},"params":[{"name":"subscriberIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":90,"b":104}]}],"statement":"SELECT pg_advisory_xact_lock(hashtext('account-emails'), id) FROM (SELECT DISTINCT unnest(:subscriberIds!::int[]) AS id ORDER BY 1) AS readers"};

/**
 * Query generated from SQL:
 * ```
 * SELECT pg_advisory_xact_lock(hashtext('account-emails'), id) FROM (SELECT DISTINCT unnest(:subscriberIds!::int[]) AS id ORDER BY 1) AS readers
 * ```
 */
export const lockAccountEmailsOf = new PreparedQuery<ILockAccountEmailsOfParams,ILockAccountEmailsOfResult>(lockAccountEmailsOfIR);


/** 'CountWithinCap' parameters type */
export interface ICountWithinCapParams {
  perDay: NumberOrString;
  subscriberIds: Array<number | null>;
}

/** 'CountWithinCap' return type */
export interface ICountWithinCapResult {
  n: number;
}

/** 'CountWithinCap' query type */
export interface ICountWithinCapQuery {
  params: ICountWithinCapParams;
  result: ICountWithinCapResult;
}

const countWithinCapIR: any = {"usedParamSet":{"subscriberIds":true,"perDay":true},"params":[{"name":"subscriberIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":41,"b":55}]},{"name":"perDay","required":true,"transform":{"type":"scalar"},"locs":[{"a":222,"b":229}]}],"statement":"SELECT count(*)::int AS \"n!\" FROM unnest(:subscriberIds!::int[]) AS reader\nWHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day' AND a.kind <> 'welcome') < :perDay!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(*)::int AS "n!" FROM unnest(:subscriberIds!::int[]) AS reader
 * WHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day' AND a.kind <> 'welcome') < :perDay!
 * ```
 */
export const countWithinCap = new PreparedQuery<ICountWithinCapParams,ICountWithinCapResult>(countWithinCapIR);


/** 'HasWaitingRequest' parameters type */
export interface IHasWaitingRequestParams {
  email: string;
}

/** 'HasWaitingRequest' return type */
export interface IHasWaitingRequestResult {
  found: number;
}

/** 'HasWaitingRequest' query type */
export interface IHasWaitingRequestQuery {
  params: IHasWaitingRequestParams;
  result: IHasWaitingRequestResult;
}

const hasWaitingRequestIR: any = {"usedParamSet":{"email":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":56,"b":62}]}],"statement":"SELECT 1 AS \"found!\" FROM signup_requests WHERE email = :email! LIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT 1 AS "found!" FROM signup_requests WHERE email = :email! LIMIT 1
 * ```
 */
export const hasWaitingRequest = new PreparedQuery<IHasWaitingRequestParams,IHasWaitingRequestResult>(hasWaitingRequestIR);


/** 'DropRequestsOf' parameters type */
export interface IDropRequestsOfParams {
  email: string;
}

/** 'DropRequestsOf' return type */
export type IDropRequestsOfResult = void;

/** 'DropRequestsOf' query type */
export interface IDropRequestsOfQuery {
  params: IDropRequestsOfParams;
  result: IDropRequestsOfResult;
}

const dropRequestsOfIR: any = {"usedParamSet":{"email":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":42,"b":48}]}],"statement":"DELETE FROM signup_requests WHERE email = :email!"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM signup_requests WHERE email = :email!
 * ```
 */
export const dropRequestsOf = new PreparedQuery<IDropRequestsOfParams,IDropRequestsOfResult>(dropRequestsOfIR);


/** 'HoldAccountEmailsOf' parameters type */
export interface IHoldAccountEmailsOfParams {
  subscriberId: number;
}

/** 'HoldAccountEmailsOf' return type */
export interface IHoldAccountEmailsOfResult {
  id: number;
}

/** 'HoldAccountEmailsOf' query type */
export interface IHoldAccountEmailsOfQuery {
  params: IHoldAccountEmailsOfParams;
  result: IHoldAccountEmailsOfResult;
}

const holdAccountEmailsOfIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":52,"b":65}]}],"statement":"SELECT id FROM account_emails WHERE subscriber_id = :subscriberId! ORDER BY id FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM account_emails WHERE subscriber_id = :subscriberId! ORDER BY id FOR UPDATE
 * ```
 */
export const holdAccountEmailsOf = new PreparedQuery<IHoldAccountEmailsOfParams,IHoldAccountEmailsOfResult>(holdAccountEmailsOfIR);


/** 'DeleteAccountEmailsOf' parameters type */
export interface IDeleteAccountEmailsOfParams {
  subscriberId: number;
}

/** 'DeleteAccountEmailsOf' return type */
export type IDeleteAccountEmailsOfResult = void;

/** 'DeleteAccountEmailsOf' query type */
export interface IDeleteAccountEmailsOfQuery {
  params: IDeleteAccountEmailsOfParams;
  result: IDeleteAccountEmailsOfResult;
}

const deleteAccountEmailsOfIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":49,"b":62}]}],"statement":"DELETE FROM account_emails WHERE subscriber_id = :subscriberId!"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM account_emails WHERE subscriber_id = :subscriberId!
 * ```
 */
export const deleteAccountEmailsOf = new PreparedQuery<IDeleteAccountEmailsOfParams,IDeleteAccountEmailsOfResult>(deleteAccountEmailsOfIR);


/** 'CreateAccountEmail' parameters type */
export interface ICreateAccountEmailParams {
  at?: DateOrString | null | void;
  kind: string;
  subscriberId: number;
}

/** 'CreateAccountEmail' return type */
export interface ICreateAccountEmailResult {
  id: number;
}

/** 'CreateAccountEmail' query type */
export interface ICreateAccountEmailQuery {
  params: ICreateAccountEmailParams;
  result: ICreateAccountEmailResult;
}

const createAccountEmailIR: any = {"usedParamSet":{"subscriberId":true,"kind":true,"at":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":81,"b":94}]},{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":97,"b":102}]},{"name":"at","required":false,"transform":{"type":"scalar"},"locs":[{"a":143,"b":145}]}],"statement":"INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)\nVALUES (:subscriberId!, :kind!, now() + interval '72 hours', coalesce(:at::timestamptz, now())) RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
 * VALUES (:subscriberId!, :kind!, now() + interval '72 hours', coalesce(:at::timestamptz, now())) RETURNING id
 * ```
 */
export const createAccountEmail = new PreparedQuery<ICreateAccountEmailParams,ICreateAccountEmailResult>(createAccountEmailIR);


/** 'SetLinkToken' parameters type */
export interface ISetLinkTokenParams {
  hours: number;
  id: number;
  tokenHash: string;
}

/** 'SetLinkToken' return type */
export type ISetLinkTokenResult = void;

/** 'SetLinkToken' query type */
export interface ISetLinkTokenQuery {
  params: ISetLinkTokenParams;
  result: ISetLinkTokenResult;
}

const setLinkTokenIR: any = {"usedParamSet":{"tokenHash":true,"hours":true,"id":true},"params":[{"name":"tokenHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":49}]},{"name":"hours","required":true,"transform":{"type":"scalar"},"locs":[{"a":96,"b":102}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":116,"b":119}]}],"statement":"UPDATE account_emails SET token_hash = :tokenHash!, expires_at = now() + make_interval(hours => :hours!) WHERE id = :id! AND sent_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE account_emails SET token_hash = :tokenHash!, expires_at = now() + make_interval(hours => :hours!) WHERE id = :id! AND sent_at IS NULL
 * ```
 */
export const setLinkToken = new PreparedQuery<ISetLinkTokenParams,ISetLinkTokenResult>(setLinkTokenIR);


/** 'CreateConfirmationsWithin' parameters type */
export interface ICreateConfirmationsWithinParams {
  perDay: NumberOrString;
  subscriberIds: Array<number | null>;
}

/** 'CreateConfirmationsWithin' return type */
export interface ICreateConfirmationsWithinResult {
  id: number;
}

/** 'CreateConfirmationsWithin' query type */
export interface ICreateConfirmationsWithinQuery {
  params: ICreateConfirmationsWithinParams;
  result: ICreateConfirmationsWithinResult;
}

const createConfirmationsWithinIR: any = {"usedParamSet":{"subscriberIds":true,"perDay":true},"params":[{"name":"subscriberIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":151,"b":165}]},{"name":"perDay","required":true,"transform":{"type":"scalar"},"locs":[{"a":332,"b":339}]}],"statement":"INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)\nSELECT reader, 'confirmation', now() + interval '72 hours', now() FROM unnest(:subscriberIds!::int[]) AS reader\nWHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day' AND a.kind <> 'welcome') < :perDay!\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
 * SELECT reader, 'confirmation', now() + interval '72 hours', now() FROM unnest(:subscriberIds!::int[]) AS reader
 * WHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day' AND a.kind <> 'welcome') < :perDay!
 * RETURNING id
 * ```
 */
export const createConfirmationsWithin = new PreparedQuery<ICreateConfirmationsWithinParams,ICreateConfirmationsWithinResult>(createConfirmationsWithinIR);


/** 'CreateConfirmations' parameters type */
export interface ICreateConfirmationsParams {
  subscriberIds: Array<number | null>;
}

/** 'CreateConfirmations' return type */
export interface ICreateConfirmationsResult {
  id: number;
}

/** 'CreateConfirmations' query type */
export interface ICreateConfirmationsQuery {
  params: ICreateConfirmationsParams;
  result: ICreateConfirmationsResult;
}

const createConfirmationsIR: any = {"usedParamSet":{"subscriberIds":true},"params":[{"name":"subscriberIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":151,"b":165}]}],"statement":"INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)\nSELECT reader, 'confirmation', now() + interval '72 hours', now()\nFROM unnest(:subscriberIds!::int[]) WITH ORDINALITY AS r(reader, position) ORDER BY position\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
 * SELECT reader, 'confirmation', now() + interval '72 hours', now()
 * FROM unnest(:subscriberIds!::int[]) WITH ORDINALITY AS r(reader, position) ORDER BY position
 * RETURNING id
 * ```
 */
export const createConfirmations = new PreparedQuery<ICreateConfirmationsParams,ICreateConfirmationsResult>(createConfirmationsIR);


/** 'CreateWelcomes' parameters type */
export interface ICreateWelcomesParams {
  newsletterIds: Array<number | null>;
  subscriberId: number;
}

/** 'CreateWelcomes' return type */
export interface ICreateWelcomesResult {
  id: number;
}

/** 'CreateWelcomes' query type */
export interface ICreateWelcomesQuery {
  params: ICreateWelcomesParams;
  result: ICreateWelcomesResult;
}

const createWelcomesIR: any = {"usedParamSet":{"subscriberId":true,"newsletterIds":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":212,"b":225},{"a":429,"b":442}]},{"name":"newsletterIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":292,"b":306}]}],"statement":"-- One welcome per newsletter just confirmed, unless the reader had one for it in the last 30 days (a re-subscribe).\nINSERT INTO account_emails (subscriber_id, kind, newsletter_id, expires_at, created_at)\nSELECT :subscriberId!, 'welcome', n.id, now() + interval '72 hours', now()\nFROM unnest(:newsletterIds!::int[]) WITH ORDINALITY AS n(id, position)\nWHERE NOT EXISTS (\n  SELECT 1 FROM account_emails a\n  WHERE a.subscriber_id = :subscriberId! AND a.kind = 'welcome' AND a.newsletter_id = n.id AND a.created_at > now() - interval '30 days')\nORDER BY n.position\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * -- One welcome per newsletter just confirmed, unless the reader had one for it in the last 30 days (a re-subscribe).
 * INSERT INTO account_emails (subscriber_id, kind, newsletter_id, expires_at, created_at)
 * SELECT :subscriberId!, 'welcome', n.id, now() + interval '72 hours', now()
 * FROM unnest(:newsletterIds!::int[]) WITH ORDINALITY AS n(id, position)
 * WHERE NOT EXISTS (
 *   SELECT 1 FROM account_emails a
 *   WHERE a.subscriber_id = :subscriberId! AND a.kind = 'welcome' AND a.newsletter_id = n.id AND a.created_at > now() - interval '30 days')
 * ORDER BY n.position
 * RETURNING id
 * ```
 */
export const createWelcomes = new PreparedQuery<ICreateWelcomesParams,ICreateWelcomesResult>(createWelcomesIR);


