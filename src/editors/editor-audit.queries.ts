/** Types generated for queries found in "src/editors/editor-audit.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

/** 'Record' parameters type */
export interface IRecordParams {
  action: string;
  client?: string | null | void;
  detail?: string | null | void;
  editionId?: number | null | void;
  editorId?: number | null | void;
  subjectEditorId?: number | null | void;
  subscriberId?: number | null | void;
}

/** 'Record' return type */
export type IRecordResult = void;

/** 'Record' query type */
export interface IRecordQuery {
  params: IRecordParams;
  result: IRecordResult;
}

const recordIR: any = {"usedParamSet":{"editorId":true,"action":true,"editionId":true,"subscriberId":true,"subjectEditorId":true,"detail":true,"client":true},"params":[{"name":"editorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":127,"b":135}]},{"name":"action","required":true,"transform":{"type":"scalar"},"locs":[{"a":138,"b":145}]},{"name":"editionId","required":false,"transform":{"type":"scalar"},"locs":[{"a":148,"b":157}]},{"name":"subscriberId","required":false,"transform":{"type":"scalar"},"locs":[{"a":160,"b":172}]},{"name":"subjectEditorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":175,"b":190}]},{"name":"detail","required":false,"transform":{"type":"scalar"},"locs":[{"a":193,"b":199}]},{"name":"client","required":false,"transform":{"type":"scalar"},"locs":[{"a":202,"b":208}]}],"statement":"INSERT INTO editor_audit (editor_id, action, edition_id, subscriber_id, subject_editor_id, detail, client, created_at)\nVALUES (:editorId, :action!, :editionId, :subscriberId, :subjectEditorId, :detail, :client, now())"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO editor_audit (editor_id, action, edition_id, subscriber_id, subject_editor_id, detail, client, created_at)
 * VALUES (:editorId, :action!, :editionId, :subscriberId, :subjectEditorId, :detail, :client, now())
 * ```
 */
export const record = new PreparedQuery<IRecordParams,IRecordResult>(recordIR);


/** 'Entries' parameters type */
export interface IEntriesParams {
  action?: string | null | void;
  beforeId?: number | null | void;
  editionId?: number | null | void;
  editorId?: number | null | void;
  from?: DateOrString | null | void;
  limit: number;
  subscriberId?: number | null | void;
  until?: DateOrString | null | void;
}

/** 'Entries' return type */
export interface IEntriesResult {
  action: string;
  client: string | null;
  created_at: Date;
  detail: string | null;
  edition_id: number | null;
  editor_email: string;
  editor_id: number | null;
  editor_name: string | null;
  id: number;
  subject_editor_id: number | null;
  subject_email: string;
  subject_name: string | null;
  subscriber_id: number | null;
}

/** 'Entries' query type */
export interface IEntriesQuery {
  params: IEntriesParams;
  result: IEntriesResult;
}

const entriesIR: any = {"usedParamSet":{"editorId":true,"action":true,"from":true,"until":true,"subscriberId":true,"editionId":true,"beforeId":true,"limit":true},"params":[{"name":"editorId","required":false,"transform":{"type":"scalar"},"locs":[{"a":360,"b":368},{"a":400,"b":408}]},{"name":"action","required":false,"transform":{"type":"scalar"},"locs":[{"a":423,"b":429},{"a":459,"b":465}]},{"name":"from","required":false,"transform":{"type":"scalar"},"locs":[{"a":481,"b":485},{"a":527,"b":531}]},{"name":"until","required":false,"transform":{"type":"scalar"},"locs":[{"a":554,"b":559},{"a":600,"b":605}]},{"name":"subscriberId","required":false,"transform":{"type":"scalar"},"locs":[{"a":628,"b":640},{"a":676,"b":688}]},{"name":"editionId","required":false,"transform":{"type":"scalar"},"locs":[{"a":703,"b":712},{"a":745,"b":754}]},{"name":"beforeId","required":false,"transform":{"type":"scalar"},"locs":[{"a":769,"b":777},{"a":802,"b":810}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":843,"b":849}]}],"statement":"SELECT a.id, a.created_at, a.action, a.edition_id, a.subscriber_id, a.subject_editor_id, a.detail, a.client, a.editor_id,\n  e.email AS editor_email, e.display_name AS editor_name, se.email AS subject_email, se.display_name AS subject_name\nFROM editor_audit a\nLEFT JOIN editors e ON e.id = a.editor_id\nLEFT JOIN editors se ON se.id = a.subject_editor_id\nWHERE (:editorId::int IS NULL OR a.editor_id = :editorId::int)\n  AND (:action::text IS NULL OR a.action = :action::text)\n  AND (:from::timestamptz IS NULL OR a.created_at >= :from::timestamptz)\n  AND (:until::timestamptz IS NULL OR a.created_at < :until::timestamptz)\n  AND (:subscriberId::int IS NULL OR a.subscriber_id = :subscriberId::int)\n  AND (:editionId::int IS NULL OR a.edition_id = :editionId::int)\n  AND (:beforeId::int IS NULL OR a.id < :beforeId::int)\nORDER BY a.id DESC\nLIMIT :limit!::int"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.id, a.created_at, a.action, a.edition_id, a.subscriber_id, a.subject_editor_id, a.detail, a.client, a.editor_id,
 *   e.email AS editor_email, e.display_name AS editor_name, se.email AS subject_email, se.display_name AS subject_name
 * FROM editor_audit a
 * LEFT JOIN editors e ON e.id = a.editor_id
 * LEFT JOIN editors se ON se.id = a.subject_editor_id
 * WHERE (:editorId::int IS NULL OR a.editor_id = :editorId::int)
 *   AND (:action::text IS NULL OR a.action = :action::text)
 *   AND (:from::timestamptz IS NULL OR a.created_at >= :from::timestamptz)
 *   AND (:until::timestamptz IS NULL OR a.created_at < :until::timestamptz)
 *   AND (:subscriberId::int IS NULL OR a.subscriber_id = :subscriberId::int)
 *   AND (:editionId::int IS NULL OR a.edition_id = :editionId::int)
 *   AND (:beforeId::int IS NULL OR a.id < :beforeId::int)
 * ORDER BY a.id DESC
 * LIMIT :limit!::int
 * ```
 */
export const entries = new PreparedQuery<IEntriesParams,IEntriesResult>(entriesIR);


/** 'AllowPruning' parameters type */
export interface IAllowPruningParams {
  days: string;
}

/** 'AllowPruning' return type */
export interface IAllowPruningResult {
  days: string | null;
}

/** 'AllowPruning' query type */
export interface IAllowPruningQuery {
  params: IAllowPruningParams;
  result: IAllowPruningResult;
}

const allowPruningIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":49,"b":54}]}],"statement":"SELECT set_config('editor_audit.retention_days', :days!::text, true) AS days"};

/**
 * Query generated from SQL:
 * ```
 * SELECT set_config('editor_audit.retention_days', :days!::text, true) AS days
 * ```
 */
export const allowPruning = new PreparedQuery<IAllowPruningParams,IAllowPruningResult>(allowPruningIR);


/** 'Prune' parameters type */
export interface IPruneParams {
  days: number;
}

/** 'Prune' return type */
export type IPruneResult = void;

/** 'Prune' query type */
export interface IPruneQuery {
  params: IPruneParams;
  result: IPruneResult;
}

const pruneIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":74,"b":79}]}],"statement":"DELETE FROM editor_audit WHERE created_at < now() - make_interval(days => :days!::int)"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM editor_audit WHERE created_at < now() - make_interval(days => :days!::int)
 * ```
 */
export const prune = new PreparedQuery<IPruneParams,IPruneResult>(pruneIR);


