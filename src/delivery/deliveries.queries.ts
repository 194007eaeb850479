/** Types generated for queries found in "src/delivery/deliveries.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type DateOrStringArray = (DateOrString)[];

export type NumberOrString = number | string;

export type booleanArray = (boolean)[];

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'SnapshotAudience' parameters type */
export interface ISnapshotAudienceParams {
  batchSize: number;
  deliverBy?: DateOrString | null | void;
  editionId: number;
  newsletterId: number;
  sectors?: Array<number | null> | null | void;
}

/** 'SnapshotAudience' return type */
export interface ISnapshotAudienceResult {
  total: number;
}

/** 'SnapshotAudience' query type */
export interface ISnapshotAudienceQuery {
  params: ISnapshotAudienceParams;
  result: ISnapshotAudienceResult;
}

const snapshotAudienceIR: any = {"usedParamSet":{"editionId":true,"newsletterId":true,"sectors":true,"batchSize":true,"deliverBy":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":89,"b":99},{"a":461,"b":471}]},{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":223,"b":236}]},{"name":"sectors","required":false,"transform":{"type":"scalar"},"locs":[{"a":299,"b":306},{"a":348,"b":355}]},{"name":"batchSize","required":true,"transform":{"type":"scalar"},"locs":[{"a":474,"b":484}]},{"name":"deliverBy","required":false,"transform":{"type":"scalar"},"locs":[{"a":497,"b":506}]}],"statement":"WITH audience AS (\n  INSERT INTO deliveries (edition_id, subscriber_id, status)\n  SELECT :editionId!, s.subscriber_id, 'pending'\n  FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id\n  WHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND r.suppressed_at IS NULL\n    AND (:sectors::int[] IS NULL OR r.job_sector_id = ANY(:sectors::int[]))\n  RETURNING 1\n)\nINSERT INTO delivery_counts (edition_id, batch_size, total, deliver_by) SELECT :editionId!, :batchSize!, count(*), :deliverBy::timestamptz FROM audience RETURNING total"};

/**
 * Query generated from SQL:
 * ```
 * WITH audience AS (
 *   INSERT INTO deliveries (edition_id, subscriber_id, status)
 *   SELECT :editionId!, s.subscriber_id, 'pending'
 *   FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
 *   WHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND r.suppressed_at IS NULL
 *     AND (:sectors::int[] IS NULL OR r.job_sector_id = ANY(:sectors::int[]))
 *   RETURNING 1
 * )
 * INSERT INTO delivery_counts (edition_id, batch_size, total, deliver_by) SELECT :editionId!, :batchSize!, count(*), :deliverBy::timestamptz FROM audience RETURNING total
 * ```
 */
export const snapshotAudience = new PreparedQuery<ISnapshotAudienceParams,ISnapshotAudienceResult>(snapshotAudienceIR);


/** 'CountsOf' parameters type */
export interface ICountsOfParams {
  editionIds: Array<number | null>;
}

/** 'CountsOf' return type */
export interface ICountsOfResult {
  ambiguous: number;
  batchSize: number;
  deliverBy: Date | null;
  editionId: number;
  failed: number;
  sent: number;
  skipped: number;
  total: number;
}

/** 'CountsOf' query type */
export interface ICountsOfQuery {
  params: ICountsOfParams;
  result: ICountsOfResult;
}

const countsOfIR: any = {"usedParamSet":{"editionIds":true},"params":[{"name":"editionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":172,"b":183}]}],"statement":"SELECT edition_id AS \"editionId\", batch_size AS \"batchSize\", total, sent, failed, skipped, ambiguous, deliver_by AS \"deliverBy\"\nFROM delivery_counts WHERE edition_id = ANY(:editionIds!::int[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT edition_id AS "editionId", batch_size AS "batchSize", total, sent, failed, skipped, ambiguous, deliver_by AS "deliverBy"
 * FROM delivery_counts WHERE edition_id = ANY(:editionIds!::int[])
 * ```
 */
export const countsOf = new PreparedQuery<ICountsOfParams,ICountsOfResult>(countsOfIR);


/** 'IsDone' parameters type */
export interface IIsDoneParams {
  editionId: number;
}

/** 'IsDone' return type */
export interface IIsDoneResult {
  found: number;
}

/** 'IsDone' query type */
export interface IIsDoneQuery {
  params: IIsDoneParams;
  result: IIsDoneResult;
}

const isDoneIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":61,"b":71}]}],"statement":"SELECT 1 AS \"found!\" FROM delivery_counts WHERE edition_id = :editionId! AND sent + failed + skipped >= total"};

/**
 * Query generated from SQL:
 * ```
 * SELECT 1 AS "found!" FROM delivery_counts WHERE edition_id = :editionId! AND sent + failed + skipped >= total
 * ```
 */
export const isDone = new PreparedQuery<IIsDoneParams,IIsDoneResult>(isDoneIR);


/** 'Ranges' parameters type */
export interface IRangesParams {
  batchSize: NumberOrString;
  editionId: number;
}

/** 'Ranges' return type */
export interface IRangesResult {
  firstId: number;
  lastId: number;
  open: boolean;
}

/** 'Ranges' query type */
export interface IRangesQuery {
  params: IRangesParams;
  result: IRangesResult;
}

const rangesIR: any = {"usedParamSet":{"batchSize":true,"editionId":true},"params":[{"name":"batchSize","required":true,"transform":{"type":"scalar"},"locs":[{"a":214,"b":224}]},{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":276,"b":286}]}],"statement":"SELECT min(subscriber_id) AS \"firstId!\", max(subscriber_id) AS \"lastId!\", bool_or(status IN ('pending', 'sending')) AS \"open!\"\nFROM (SELECT subscriber_id, status, (row_number() OVER (ORDER BY subscriber_id) - 1) / :batchSize! AS batch\n      FROM deliveries WHERE edition_id = :editionId!) numbered\nGROUP BY batch ORDER BY batch"};

/**
 * Query generated from SQL:
 * ```
 * SELECT min(subscriber_id) AS "firstId!", max(subscriber_id) AS "lastId!", bool_or(status IN ('pending', 'sending')) AS "open!"
 * FROM (SELECT subscriber_id, status, (row_number() OVER (ORDER BY subscriber_id) - 1) / :batchSize! AS batch
 *       FROM deliveries WHERE edition_id = :editionId!) numbered
 * GROUP BY batch ORDER BY batch
 * ```
 */
export const ranges = new PreparedQuery<IRangesParams,IRangesResult>(rangesIR);


/** 'OpenClaim' parameters type */
export interface IOpenClaimParams {
  claimToken: string;
  editionId: number;
}

/** 'OpenClaim' return type */
export type IOpenClaimResult = void;

/** 'OpenClaim' query type */
export interface IOpenClaimQuery {
  params: IOpenClaimParams;
  result: IOpenClaimResult;
}

const openClaimIR: any = {"usedParamSet":{"claimToken":true,"editionId":true},"params":[{"name":"claimToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":152,"b":163}]},{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":166,"b":176}]}],"statement":"-- ON CONFLICT: a retry after a cut that lost the answer, not a second run.\nINSERT INTO delivery_claims (claim_token, edition_id, heartbeat_at) VALUES (:claimToken!, :editionId!, now()) ON CONFLICT (claim_token) DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * -- ON CONFLICT: a retry after a cut that lost the answer, not a second run.
 * INSERT INTO delivery_claims (claim_token, edition_id, heartbeat_at) VALUES (:claimToken!, :editionId!, now()) ON CONFLICT (claim_token) DO NOTHING
 * ```
 */
export const openClaim = new PreparedQuery<IOpenClaimParams,IOpenClaimResult>(openClaimIR);


/** 'RenewClaim' parameters type */
export interface IRenewClaimParams {
  claimToken: string;
}

/** 'RenewClaim' return type */
export type IRenewClaimResult = void;

/** 'RenewClaim' query type */
export interface IRenewClaimQuery {
  params: IRenewClaimParams;
  result: IRenewClaimResult;
}

const renewClaimIR: any = {"usedParamSet":{"claimToken":true},"params":[{"name":"claimToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":89,"b":100}]}],"statement":"UPDATE delivery_claims SET heartbeat_at = now(), suspected_at = NULL WHERE claim_token = :claimToken!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE delivery_claims SET heartbeat_at = now(), suspected_at = NULL WHERE claim_token = :claimToken!
 * ```
 */
export const renewClaim = new PreparedQuery<IRenewClaimParams,IRenewClaimResult>(renewClaimIR);


/** 'CloseClaim' parameters type */
export interface ICloseClaimParams {
  claimToken: string;
}

/** 'CloseClaim' return type */
export type ICloseClaimResult = void;

/** 'CloseClaim' query type */
export interface ICloseClaimQuery {
  params: ICloseClaimParams;
  result: ICloseClaimResult;
}

const closeClaimIR: any = {"usedParamSet":{"claimToken":true},"params":[{"name":"claimToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":48,"b":59}]}],"statement":"DELETE FROM delivery_claims WHERE claim_token = :claimToken!"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM delivery_claims WHERE claim_token = :claimToken!
 * ```
 */
export const closeClaim = new PreparedQuery<ICloseClaimParams,ICloseClaimResult>(closeClaimIR);


/** 'ForgetOldClaims' parameters type */
export type IForgetOldClaimsParams = void;

/** 'ForgetOldClaims' return type */
export type IForgetOldClaimsResult = void;

/** 'ForgetOldClaims' query type */
export interface IForgetOldClaimsQuery {
  params: IForgetOldClaimsParams;
  result: IForgetOldClaimsResult;
}

const forgetOldClaimsIR: any = {"usedParamSet":{},"params":[],"statement":"DELETE FROM delivery_claims WHERE heartbeat_at < now() - interval '1 day'"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM delivery_claims WHERE heartbeat_at < now() - interval '1 day'
 * ```
 */
export const forgetOldClaims = new PreparedQuery<IForgetOldClaimsParams,IForgetOldClaimsResult>(forgetOldClaimsIR);


/** 'ReleaseAbandoned' parameters type */
export interface IReleaseAbandonedParams {
  editionId: number;
  firstId: number;
  lastId: number;
  quietMs: NumberOrString;
}

/** 'ReleaseAbandoned' return type */
export interface IReleaseAbandonedResult {
  n: number;
}

/** 'ReleaseAbandoned' query type */
export interface IReleaseAbandonedQuery {
  params: IReleaseAbandonedParams;
  result: IReleaseAbandonedResult;
}

const releaseAbandonedIR: any = {"usedParamSet":{"editionId":true,"firstId":true,"lastId":true,"quietMs":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":354,"b":364},{"a":906,"b":916},{"a":1351,"b":1361}]},{"name":"firstId","required":true,"transform":{"type":"scalar"},"locs":[{"a":392,"b":400},{"a":946,"b":954}]},{"name":"lastId","required":true,"transform":{"type":"scalar"},"locs":[{"a":406,"b":413},{"a":960,"b":967}]},{"name":"quietMs","required":true,"transform":{"type":"scalar"},"locs":[{"a":617,"b":625},{"a":1195,"b":1203}]}],"statement":"-- Two looks, quietMs apart: a run holding rows of the range that has been quiet for quietMs is\n-- suspected first; its rows go back as ambiguous only if it is still quiet quietMs after that,\n-- or at once when its claim is gone (the run ended without recording them).\nWITH holders AS (\n  SELECT DISTINCT claim_token FROM deliveries\n  WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'sending'\n), quiet AS (\n  SELECT c.claim_token, c.suspected_at FROM delivery_claims c JOIN holders h ON h.claim_token = c.claim_token\n  WHERE c.heartbeat_at < now() - make_interval(secs => :quietMs! / 1000.0)\n), suspected AS (\n  UPDATE delivery_claims c SET suspected_at = now() FROM quiet q WHERE c.claim_token = q.claim_token AND q.suspected_at IS NULL\n), released AS (\n  UPDATE deliveries d SET status = 'pending', ambiguous = true, claim_token = NULL\n  WHERE d.edition_id = :editionId! AND d.subscriber_id BETWEEN :firstId! AND :lastId! AND d.status = 'sending'\n    AND (NOT EXISTS (SELECT 1 FROM delivery_claims c WHERE c.claim_token = d.claim_token)\n         OR d.claim_token IN (SELECT claim_token FROM quiet WHERE suspected_at < now() - make_interval(secs => :quietMs! / 1000.0)))\n  RETURNING 1\n), counted AS (\n  UPDATE delivery_counts SET ambiguous = ambiguous + (SELECT count(*) FROM released) WHERE edition_id = :editionId!\n)\nSELECT count(*)::int AS \"n!\" FROM released"};

/**
 * Query generated from SQL:
 * ```
 * -- Two looks, quietMs apart: a run holding rows of the range that has been quiet for quietMs is
 * -- suspected first; its rows go back as ambiguous only if it is still quiet quietMs after that,
 * -- or at once when its claim is gone (the run ended without recording them).
 * WITH holders AS (
 *   SELECT DISTINCT claim_token FROM deliveries
 *   WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'sending'
 * ), quiet AS (
 *   SELECT c.claim_token, c.suspected_at FROM delivery_claims c JOIN holders h ON h.claim_token = c.claim_token
 *   WHERE c.heartbeat_at < now() - make_interval(secs => :quietMs! / 1000.0)
 * ), suspected AS (
 *   UPDATE delivery_claims c SET suspected_at = now() FROM quiet q WHERE c.claim_token = q.claim_token AND q.suspected_at IS NULL
 * ), released AS (
 *   UPDATE deliveries d SET status = 'pending', ambiguous = true, claim_token = NULL
 *   WHERE d.edition_id = :editionId! AND d.subscriber_id BETWEEN :firstId! AND :lastId! AND d.status = 'sending'
 *     AND (NOT EXISTS (SELECT 1 FROM delivery_claims c WHERE c.claim_token = d.claim_token)
 *          OR d.claim_token IN (SELECT claim_token FROM quiet WHERE suspected_at < now() - make_interval(secs => :quietMs! / 1000.0)))
 *   RETURNING 1
 * ), counted AS (
 *   UPDATE delivery_counts SET ambiguous = ambiguous + (SELECT count(*) FROM released) WHERE edition_id = :editionId!
 * )
 * SELECT count(*)::int AS "n!" FROM released
 * ```
 */
export const releaseAbandoned = new PreparedQuery<IReleaseAbandonedParams,IReleaseAbandonedResult>(releaseAbandonedIR);


/** 'HeldByOthers' parameters type */
export interface IHeldByOthersParams {
  claimToken: string;
  editionId: number;
  firstId: number;
  lastId: number;
}

/** 'HeldByOthers' return type */
export interface IHeldByOthersResult {
  found: number;
}

/** 'HeldByOthers' query type */
export interface IHeldByOthersQuery {
  params: IHeldByOthersParams;
  result: IHeldByOthersResult;
}

const heldByOthersIR: any = {"usedParamSet":{"editionId":true,"firstId":true,"lastId":true,"claimToken":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":56,"b":66}]},{"name":"firstId","required":true,"transform":{"type":"scalar"},"locs":[{"a":94,"b":102}]},{"name":"lastId","required":true,"transform":{"type":"scalar"},"locs":[{"a":108,"b":115}]},{"name":"claimToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":159,"b":170}]}],"statement":"SELECT 1 AS \"found!\" FROM deliveries WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'sending' AND claim_token <> :claimToken! LIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT 1 AS "found!" FROM deliveries WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'sending' AND claim_token <> :claimToken! LIMIT 1
 * ```
 */
export const heldByOthers = new PreparedQuery<IHeldByOthersParams,IHeldByOthersResult>(heldByOthersIR);


/** 'Claim' parameters type */
export interface IClaimParams {
  after: number;
  claimToken: string;
  editionId: number;
  lastId: number;
  limit: NumberOrString;
  newsletterId: number;
  retry: boolean;
}

/** 'Claim' return type */
export interface IClaimResult {
  ambiguous: boolean;
  attempts: number;
  deliverable: boolean;
  email: string;
  public_id: string;
  sector_id: number | null;
  subscriber_id: number;
}

/** 'Claim' query type */
export interface IClaimQuery {
  params: IClaimParams;
  result: IClaimResult;
}

const claimIR: any = {"usedParamSet":{"retry":true,"editionId":true,"after":true,"lastId":true,"claimToken":true,"limit":true,"newsletterId":true},"params":[{"name":"retry","required":true,"transform":{"type":"scalar"},"locs":[{"a":339,"b":345}]},{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":373,"b":383},{"a":634,"b":644},{"a":817,"b":827},{"a":956,"b":966}]},{"name":"after","required":true,"transform":{"type":"scalar"},"locs":[{"a":405,"b":411},{"a":666,"b":672},{"a":988,"b":994}]},{"name":"lastId","required":true,"transform":{"type":"scalar"},"locs":[{"a":434,"b":441},{"a":695,"b":702},{"a":1017,"b":1024}]},{"name":"claimToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":488,"b":499},{"a":575,"b":586}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":1150,"b":1156}]},{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":1734,"b":1747}]}],"statement":"WITH held AS (\n  -- On a retry only: rows this run claimed past `after` whose answer it never got (the connection\n  -- was cut after the commit). They are its own, so it takes them back instead of leaving them\n  -- claimed by a live run that does not know it holds them.\n  SELECT subscriber_id, attempts, ambiguous FROM deliveries\n  WHERE :retry!::boolean AND edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId!\n    AND status = 'sending' AND claim_token = :claimToken!\n), claimed AS (\n  UPDATE deliveries SET status = 'sending', claim_token = :claimToken!, attempts = attempts + 1\n  WHERE edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId! AND status = 'pending'\n    AND NOT EXISTS (SELECT 1 FROM held)\n    AND EXISTS (SELECT 1 FROM editions WHERE id = :editionId! AND status = 'sending')\n    AND subscriber_id = ANY(ARRAY(\n      SELECT subscriber_id FROM deliveries\n      WHERE edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId! AND status = 'pending'\n        AND (next_attempt_at IS NULL OR next_attempt_at <= now())\n      ORDER BY subscriber_id LIMIT :limit!))\n  RETURNING subscriber_id, attempts, ambiguous\n), taken AS (\n  SELECT subscriber_id, attempts, ambiguous FROM held UNION ALL SELECT subscriber_id, attempts, ambiguous FROM claimed\n)\nSELECT c.subscriber_id AS \"subscriber_id!\", c.attempts AS \"attempts!\", c.ambiguous AS \"ambiguous!\", r.email, r.public_id,\n       coalesce(s.status = 'active' AND r.suppressed_at IS NULL, false) AS \"deliverable!\", r.job_sector_id AS sector_id\nFROM taken c LEFT JOIN subscribers r ON r.id = c.subscriber_id\n  LEFT JOIN subscriptions s ON s.subscriber_id = c.subscriber_id AND s.newsletter_id = :newsletterId!\nORDER BY c.subscriber_id"};

/**
 * Query generated from SQL:
 * ```
 * WITH held AS (
 *   -- On a retry only: rows this run claimed past `after` whose answer it never got (the connection
 *   -- was cut after the commit). They are its own, so it takes them back instead of leaving them
 *   -- claimed by a live run that does not know it holds them.
 *   SELECT subscriber_id, attempts, ambiguous FROM deliveries
 *   WHERE :retry!::boolean AND edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId!
 *     AND status = 'sending' AND claim_token = :claimToken!
 * ), claimed AS (
 *   UPDATE deliveries SET status = 'sending', claim_token = :claimToken!, attempts = attempts + 1
 *   WHERE edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId! AND status = 'pending'
 *     AND NOT EXISTS (SELECT 1 FROM held)
 *     AND EXISTS (SELECT 1 FROM editions WHERE id = :editionId! AND status = 'sending')
 *     AND subscriber_id = ANY(ARRAY(
 *       SELECT subscriber_id FROM deliveries
 *       WHERE edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId! AND status = 'pending'
 *         AND (next_attempt_at IS NULL OR next_attempt_at <= now())
 *       ORDER BY subscriber_id LIMIT :limit!))
 *   RETURNING subscriber_id, attempts, ambiguous
 * ), taken AS (
 *   SELECT subscriber_id, attempts, ambiguous FROM held UNION ALL SELECT subscriber_id, attempts, ambiguous FROM claimed
 * )
 * SELECT c.subscriber_id AS "subscriber_id!", c.attempts AS "attempts!", c.ambiguous AS "ambiguous!", r.email, r.public_id,
 *        coalesce(s.status = 'active' AND r.suppressed_at IS NULL, false) AS "deliverable!", r.job_sector_id AS sector_id
 * FROM taken c LEFT JOIN subscribers r ON r.id = c.subscriber_id
 *   LEFT JOIN subscriptions s ON s.subscriber_id = c.subscriber_id AND s.newsletter_id = :newsletterId!
 * ORDER BY c.subscriber_id
 * ```
 */
export const claim = new PreparedQuery<IClaimParams,IClaimResult>(claimIR);


/** 'Record' parameters type */
export interface IRecordParams {
  claimToken: string;
  editionId: number;
  errors: Array<string | null>;
  firstId: number;
  ids: Array<number | null>;
  lastId: number;
  messageIds: Array<string | null>;
  newlyAmbiguous: Array<boolean | null>;
  relays: Array<string | null>;
  retryAts: Array<Date | string | null>;
  smtpCodes: Array<number | null>;
  statuses: Array<string | null>;
}

/** 'Record' return type */
export type IRecordResult = void;

/** 'Record' query type */
export interface IRecordQuery {
  params: IRecordParams;
  result: IRecordResult;
}

const recordIR: any = {"usedParamSet":{"ids":true,"statuses":true,"messageIds":true,"smtpCodes":true,"errors":true,"retryAts":true,"relays":true,"newlyAmbiguous":true,"editionId":true,"firstId":true,"lastId":true,"claimToken":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":220,"b":224}]},{"name":"statuses","required":true,"transform":{"type":"scalar"},"locs":[{"a":234,"b":243}]},{"name":"messageIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":254,"b":265}]},{"name":"smtpCodes","required":true,"transform":{"type":"scalar"},"locs":[{"a":276,"b":286}]},{"name":"errors","required":true,"transform":{"type":"scalar"},"locs":[{"a":296,"b":303}]},{"name":"retryAts","required":true,"transform":{"type":"scalar"},"locs":[{"a":314,"b":323}]},{"name":"relays","required":true,"transform":{"type":"scalar"},"locs":[{"a":364,"b":371}]},{"name":"newlyAmbiguous","required":true,"transform":{"type":"scalar"},"locs":[{"a":382,"b":397}]},{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":953,"b":963},{"a":1510,"b":1520}]},{"name":"firstId","required":true,"transform":{"type":"scalar"},"locs":[{"a":993,"b":1001}]},{"name":"lastId","required":true,"transform":{"type":"scalar"},"locs":[{"a":1007,"b":1014}]},{"name":"claimToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":1078,"b":1089}]}],"statement":"-- newlyAmbiguous: the row was not ambiguous when claimed, and a relay may have taken its message\n-- without saying so (the connection dropped after the whole message went over).\nWITH outcome AS (\n  SELECT * FROM unnest(:ids!::int[], :statuses!::text[], :messageIds!::text[], :smtpCodes!::int[], :errors!::text[], :retryAts!::timestamptz[],\n                       :relays!::text[], :newlyAmbiguous!::boolean[])\n    AS o(subscriber_id, status, message_id, smtp_code, last_error, retry_at, relay, newly_ambiguous)\n), recorded AS (\n  UPDATE deliveries d SET status = o.status, claim_token = NULL, smtp_code = o.smtp_code, last_error = coalesce(o.last_error, d.last_error),\n    message_id = coalesce(o.message_id, d.message_id), next_attempt_at = o.retry_at,\n    sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END,\n    relay = coalesce(o.relay, d.relay), ambiguous = d.ambiguous OR o.newly_ambiguous\n  FROM outcome o\n  WHERE d.edition_id = :editionId! AND d.subscriber_id BETWEEN :firstId! AND :lastId!\n    AND d.subscriber_id = o.subscriber_id AND d.claim_token = :claimToken! AND d.status = 'sending'\n  RETURNING d.status, o.newly_ambiguous\n)\nUPDATE delivery_counts SET sent = sent + (SELECT count(*) FROM recorded WHERE status = 'sent'),\n  failed = failed + (SELECT count(*) FROM recorded WHERE status = 'failed'),\n  skipped = skipped + (SELECT count(*) FROM recorded WHERE status = 'skipped'),\n  ambiguous = ambiguous + (SELECT count(*) FROM recorded WHERE newly_ambiguous)\nWHERE edition_id = :editionId!"};

/**
 * Query generated from SQL:
 * ```
 * -- newlyAmbiguous: the row was not ambiguous when claimed, and a relay may have taken its message
 * -- without saying so (the connection dropped after the whole message went over).
 * WITH outcome AS (
 *   SELECT * FROM unnest(:ids!::int[], :statuses!::text[], :messageIds!::text[], :smtpCodes!::int[], :errors!::text[], :retryAts!::timestamptz[],
 *                        :relays!::text[], :newlyAmbiguous!::boolean[])
 *     AS o(subscriber_id, status, message_id, smtp_code, last_error, retry_at, relay, newly_ambiguous)
 * ), recorded AS (
 *   UPDATE deliveries d SET status = o.status, claim_token = NULL, smtp_code = o.smtp_code, last_error = coalesce(o.last_error, d.last_error),
 *     message_id = coalesce(o.message_id, d.message_id), next_attempt_at = o.retry_at,
 *     sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END,
 *     relay = coalesce(o.relay, d.relay), ambiguous = d.ambiguous OR o.newly_ambiguous
 *   FROM outcome o
 *   WHERE d.edition_id = :editionId! AND d.subscriber_id BETWEEN :firstId! AND :lastId!
 *     AND d.subscriber_id = o.subscriber_id AND d.claim_token = :claimToken! AND d.status = 'sending'
 *   RETURNING d.status, o.newly_ambiguous
 * )
 * UPDATE delivery_counts SET sent = sent + (SELECT count(*) FROM recorded WHERE status = 'sent'),
 *   failed = failed + (SELECT count(*) FROM recorded WHERE status = 'failed'),
 *   skipped = skipped + (SELECT count(*) FROM recorded WHERE status = 'skipped'),
 *   ambiguous = ambiguous + (SELECT count(*) FROM recorded WHERE newly_ambiguous)
 * WHERE edition_id = :editionId!
 * ```
 */
export const record = new PreparedQuery<IRecordParams,IRecordResult>(recordIR);


/** 'FailuresByCode' parameters type */
export interface IFailuresByCodeParams {
  editionId: number;
}

/** 'FailuresByCode' return type */
export interface IFailuresByCodeResult {
  count: string | null;
  last_error: string | null;
  smtp_code: number | null;
}

/** 'FailuresByCode' query type */
export interface IFailuresByCodeQuery {
  params: IFailuresByCodeParams;
  result: IFailuresByCodeResult;
}

const failuresByCodeIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":166,"b":176}]}],"statement":"SELECT smtp_code, count(*) AS count, (array_agg(last_error ORDER BY sent_at DESC NULLS LAST, subscriber_id DESC))[1] AS last_error\nFROM deliveries WHERE edition_id = :editionId! AND status = 'failed' GROUP BY smtp_code ORDER BY count(*) DESC"};

/**
 * Query generated from SQL:
 * ```
 * SELECT smtp_code, count(*) AS count, (array_agg(last_error ORDER BY sent_at DESC NULLS LAST, subscriber_id DESC))[1] AS last_error
 * FROM deliveries WHERE edition_id = :editionId! AND status = 'failed' GROUP BY smtp_code ORDER BY count(*) DESC
 * ```
 */
export const failuresByCode = new PreparedQuery<IFailuresByCodeParams,IFailuresByCodeResult>(failuresByCodeIR);


/** 'SentByRelay' parameters type */
export interface ISentByRelayParams {
  editionId: number;
}

/** 'SentByRelay' return type */
export interface ISentByRelayResult {
  relay: string | null;
  sent: number;
}

/** 'SentByRelay' query type */
export interface ISentByRelayQuery {
  params: ISentByRelayParams;
  result: ISentByRelayResult;
}

const sentByRelayIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":74,"b":84}]}],"statement":"SELECT relay, count(*)::int AS \"sent!\" FROM deliveries WHERE edition_id = :editionId! AND status = 'sent' GROUP BY relay ORDER BY count(*) DESC, relay"};

/**
 * Query generated from SQL:
 * ```
 * SELECT relay, count(*)::int AS "sent!" FROM deliveries WHERE edition_id = :editionId! AND status = 'sent' GROUP BY relay ORDER BY count(*) DESC, relay
 * ```
 */
export const sentByRelay = new PreparedQuery<ISentByRelayParams,ISentByRelayResult>(sentByRelayIR);


/** 'NextRetry' parameters type */
export interface INextRetryParams {
  editionId: number;
  firstId: number;
  lastId: number;
}

/** 'NextRetry' return type */
export interface INextRetryResult {
  next: Date | null;
}

/** 'NextRetry' query type */
export interface INextRetryQuery {
  params: INextRetryParams;
  result: INextRetryResult;
}

const nextRetryIR: any = {"usedParamSet":{"editionId":true,"firstId":true,"lastId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":71,"b":81}]},{"name":"firstId","required":true,"transform":{"type":"scalar"},"locs":[{"a":109,"b":117}]},{"name":"lastId","required":true,"transform":{"type":"scalar"},"locs":[{"a":123,"b":130}]}],"statement":"SELECT min(next_attempt_at) AS next FROM deliveries\nWHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'pending'"};

/**
 * Query generated from SQL:
 * ```
 * SELECT min(next_attempt_at) AS next FROM deliveries
 * WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'pending'
 * ```
 */
export const nextRetry = new PreparedQuery<INextRetryParams,INextRetryResult>(nextRetryIR);


/** 'ReceivedBy' parameters type */
export interface IReceivedByParams {
  subscriberId: number;
}

/** 'ReceivedBy' return type */
export interface IReceivedByResult {
  editionId: number;
  newsletterId: number;
  sentAt: Date;
  subject: string;
}

/** 'ReceivedBy' query type */
export interface IReceivedByQuery {
  params: IReceivedByParams;
  result: IReceivedByResult;
}

const receivedByIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":211,"b":224}]}],"statement":"SELECT e.id AS \"editionId\", e.newsletter_id AS \"newsletterId\", e.subject, d.sent_at AS \"sentAt!\"\nFROM editions e CROSS JOIN LATERAL (\n  SELECT sent_at FROM deliveries WHERE edition_id = e.id AND subscriber_id = :subscriberId! AND status = 'sent'\n) d\nORDER BY d.sent_at, e.id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.id AS "editionId", e.newsletter_id AS "newsletterId", e.subject, d.sent_at AS "sentAt!"
 * FROM editions e CROSS JOIN LATERAL (
 *   SELECT sent_at FROM deliveries WHERE edition_id = e.id AND subscriber_id = :subscriberId! AND status = 'sent'
 * ) d
 * ORDER BY d.sent_at, e.id
 * ```
 */
export const receivedBy = new PreparedQuery<IReceivedByParams,IReceivedByResult>(receivedByIR);


/** 'EraseErrors' parameters type */
export interface IEraseErrorsParams {
  subscriberId: number;
}

/** 'EraseErrors' return type */
export type IEraseErrorsResult = void;

/** 'EraseErrors' query type */
export interface IEraseErrorsQuery {
  params: IEraseErrorsParams;
  result: IEraseErrorsResult;
}

const eraseErrorsIR: any = {"usedParamSet":{"subscriberId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":115,"b":128}]}],"statement":"UPDATE deliveries SET last_error = NULL\nWHERE edition_id = ANY(ARRAY(SELECT id FROM editions)) AND subscriber_id = :subscriberId! AND last_error IS NOT NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE deliveries SET last_error = NULL
 * WHERE edition_id = ANY(ARRAY(SELECT id FROM editions)) AND subscriber_id = :subscriberId! AND last_error IS NOT NULL
 * ```
 */
export const eraseErrors = new PreparedQuery<IEraseErrorsParams,IEraseErrorsResult>(eraseErrorsIR);


/** 'CancelPending' parameters type */
export interface ICancelPendingParams {
  editionId: number;
}

/** 'CancelPending' return type */
export type ICancelPendingResult = void;

/** 'CancelPending' query type */
export interface ICancelPendingQuery {
  params: ICancelPendingParams;
  result: ICancelPendingResult;
}

const cancelPendingIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":62,"b":72}]}],"statement":"UPDATE deliveries SET status = 'cancelled' WHERE edition_id = :editionId! AND status = 'pending'"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE deliveries SET status = 'cancelled' WHERE edition_id = :editionId! AND status = 'pending'
 * ```
 */
export const cancelPending = new PreparedQuery<ICancelPendingParams,ICancelPendingResult>(cancelPendingIR);


/** 'EditionOfMessage' parameters type */
export interface IEditionOfMessageParams {
  messageId: string;
  subscriberId: number;
}

/** 'EditionOfMessage' return type */
export interface IEditionOfMessageResult {
  edition_id: number;
}

/** 'EditionOfMessage' query type */
export interface IEditionOfMessageQuery {
  params: IEditionOfMessageParams;
  result: IEditionOfMessageResult;
}

const editionOfMessageIR: any = {"usedParamSet":{"subscriberId":true,"messageId":true},"params":[{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":157,"b":170}]},{"name":"messageId","required":true,"transform":{"type":"scalar"},"locs":[{"a":189,"b":199}]}],"statement":"SELECT edition_id FROM deliveries\nWHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > now() - interval '90 days'))\n  AND subscriber_id = :subscriberId! AND message_id = :messageId!\nLIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT edition_id FROM deliveries
 * WHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > now() - interval '90 days'))
 *   AND subscriber_id = :subscriberId! AND message_id = :messageId!
 * LIMIT 1
 * ```
 */
export const editionOfMessage = new PreparedQuery<IEditionOfMessageParams,IEditionOfMessageResult>(editionOfMessageIR);


/** 'LastEditionSentTo' parameters type */
export interface ILastEditionSentToParams {
  at: DateOrString;
  subscriberId: number;
}

/** 'LastEditionSentTo' return type */
export interface ILastEditionSentToResult {
  edition_id: number;
}

/** 'LastEditionSentTo' query type */
export interface ILastEditionSentToQuery {
  params: ILastEditionSentToParams;
  result: ILastEditionSentToResult;
}

const lastEditionSentToIR: any = {"usedParamSet":{"at":true,"subscriberId":true},"params":[{"name":"at","required":true,"transform":{"type":"scalar"},"locs":[{"a":106,"b":109},{"a":163,"b":166},{"a":277,"b":280}]},{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":227,"b":240}]}],"statement":"SELECT edition_id FROM deliveries\nWHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > :at!::timestamptz - interval '30 days' AND started_at <= :at!::timestamptz + interval '1 minute'))\n  AND subscriber_id = :subscriberId! AND status = 'sent' AND sent_at <= :at!::timestamptz + interval '1 minute'\nORDER BY sent_at DESC LIMIT 1"};

/**
 * Query generated from SQL:
 * ```
 * SELECT edition_id FROM deliveries
 * WHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > :at!::timestamptz - interval '30 days' AND started_at <= :at!::timestamptz + interval '1 minute'))
 *   AND subscriber_id = :subscriberId! AND status = 'sent' AND sent_at <= :at!::timestamptz + interval '1 minute'
 * ORDER BY sent_at DESC LIMIT 1
 * ```
 */
export const lastEditionSentTo = new PreparedQuery<ILastEditionSentToParams,ILastEditionSentToResult>(lastEditionSentToIR);


/** 'HasDelivery' parameters type */
export interface IHasDeliveryParams {
  editionId: number;
  subscriberId: number;
}

/** 'HasDelivery' return type */
export interface IHasDeliveryResult {
  found: number;
}

/** 'HasDelivery' query type */
export interface IHasDeliveryQuery {
  params: IHasDeliveryParams;
  result: IHasDeliveryResult;
}

const hasDeliveryIR: any = {"usedParamSet":{"editionId":true,"subscriberId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":56,"b":66}]},{"name":"subscriberId","required":true,"transform":{"type":"scalar"},"locs":[{"a":88,"b":101}]}],"statement":"SELECT 1 AS \"found!\" FROM deliveries WHERE edition_id = :editionId! AND subscriber_id = :subscriberId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT 1 AS "found!" FROM deliveries WHERE edition_id = :editionId! AND subscriber_id = :subscriberId!
 * ```
 */
export const hasDelivery = new PreparedQuery<IHasDeliveryParams,IHasDeliveryResult>(hasDeliveryIR);


/** 'RecentRates' parameters type */
export interface IRecentRatesParams {
  limit: NumberOrString;
  minSent: number;
  newsletterId: number;
}

/** 'RecentRates' return type */
export interface IRecentRatesResult {
  seconds: number;
  sent: number;
}

/** 'RecentRates' query type */
export interface IRecentRatesQuery {
  params: IRecentRatesParams;
  result: IRecentRatesResult;
}

const recentRatesIR: any = {"usedParamSet":{"newsletterId":true,"minSent":true,"limit":true},"params":[{"name":"newsletterId","required":true,"transform":{"type":"scalar"},"locs":[{"a":347,"b":360}]},{"name":"minSent","required":true,"transform":{"type":"scalar"},"locs":[{"a":457,"b":465}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":492,"b":498}]}],"statement":"-- A newsletter's last sent editions: copies and seconds from start to end. Reads editions (the\n-- editions module's) for the newsletter, the status and the times.\nSELECT c.sent AS \"sent!\", extract(epoch FROM e.finished_at - e.started_at)::float8 AS \"seconds!\"\nFROM editions e JOIN delivery_counts c ON c.edition_id = e.id\nWHERE e.newsletter_id = :newsletterId! AND e.status = 'sent' AND e.started_at IS NOT NULL AND e.finished_at IS NOT NULL AND c.sent >= :minSent!\nORDER BY e.id DESC LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- A newsletter's last sent editions: copies and seconds from start to end. Reads editions (the
 * -- editions module's) for the newsletter, the status and the times.
 * SELECT c.sent AS "sent!", extract(epoch FROM e.finished_at - e.started_at)::float8 AS "seconds!"
 * FROM editions e JOIN delivery_counts c ON c.edition_id = e.id
 * WHERE e.newsletter_id = :newsletterId! AND e.status = 'sent' AND e.started_at IS NOT NULL AND e.finished_at IS NOT NULL AND c.sent >= :minSent!
 * ORDER BY e.id DESC LIMIT :limit!
 * ```
 */
export const recentRates = new PreparedQuery<IRecentRatesParams,IRecentRatesResult>(recentRatesIR);


/** 'EnsurePartitions' parameters type */
export interface IEnsurePartitionsParams {
  editionIdsPerMonth: number;
}

/** 'EnsurePartitions' return type */
export interface IEnsurePartitionsResult {
  made: number;
}

/** 'EnsurePartitions' query type */
export interface IEnsurePartitionsQuery {
  params: IEnsurePartitionsParams;
  result: IEnsurePartitionsResult;
}

const ensurePartitionsIR: any = {"usedParamSet":{"editionIdsPerMonth":true},"params":[{"name":"editionIdsPerMonth","required":true,"transform":{"type":"scalar"},"locs":[{"a":229,"b":248}]}],"statement":"-- This month's and the next month's blocks of `deliveries`, and the editions' id sequence at this\n-- month's block (a function of the PartitionedDeliveries migration, which uses it too).\nSELECT delivery_partitions_ensure(now(), :editionIdsPerMonth!) AS \"made!\""};

/**
 * Query generated from SQL:
 * ```
 * -- This month's and the next month's blocks of `deliveries`, and the editions' id sequence at this
 * -- month's block (a function of the PartitionedDeliveries migration, which uses it too).
 * SELECT delivery_partitions_ensure(now(), :editionIdsPerMonth!) AS "made!"
 * ```
 */
export const ensurePartitions = new PreparedQuery<IEnsurePartitionsParams,IEnsurePartitionsResult>(ensurePartitionsIR);


/** 'ExpiredPartitions' parameters type */
export interface IExpiredPartitionsParams {
  retentionDays: number;
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

const expiredPartitionsIR: any = {"usedParamSet":{"retentionDays":true},"params":[{"name":"retentionDays","required":true,"transform":{"type":"scalar"},"locs":[{"a":412,"b":426},{"a":632,"b":646}]}],"statement":"-- Blocks whose month ended more than retentionDays ago, none of whose editions is still sending\n-- or paused, or started within retentionDays (a draft of an old month sent late keeps its block).\n-- Reads editions (the editions module's) for their status and start.\nSELECT p.name AS \"name!\", p.month::text AS \"month!\" FROM delivery_partitions p\nWHERE p.month + interval '1 month' < now() - make_interval(days => :retentionDays!)\n  AND NOT EXISTS (\n    SELECT 1 FROM editions e WHERE e.id >= p.first_edition_id AND e.id < p.end_edition_id\n      AND (e.status IN ('sending', 'paused') OR e.started_at >= now() - make_interval(days => :retentionDays!)))\nORDER BY p.first_edition_id"};

/**
 * Query generated from SQL:
 * ```
 * -- Blocks whose month ended more than retentionDays ago, none of whose editions is still sending
 * -- or paused, or started within retentionDays (a draft of an old month sent late keeps its block).
 * -- Reads editions (the editions module's) for their status and start.
 * SELECT p.name AS "name!", p.month::text AS "month!" FROM delivery_partitions p
 * WHERE p.month + interval '1 month' < now() - make_interval(days => :retentionDays!)
 *   AND NOT EXISTS (
 *     SELECT 1 FROM editions e WHERE e.id >= p.first_edition_id AND e.id < p.end_edition_id
 *       AND (e.status IN ('sending', 'paused') OR e.started_at >= now() - make_interval(days => :retentionDays!)))
 * ORDER BY p.first_edition_id
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

const dropPartitionIR: any = {"usedParamSet":{"name":true},"params":[{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":31,"b":36}]}],"statement":"SELECT delivery_partition_drop(:name!) AS \"dropped!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT delivery_partition_drop(:name!) AS "dropped!"
 * ```
 */
export const dropPartition = new PreparedQuery<IDropPartitionParams,IDropPartitionResult>(dropPartitionIR);


