/** Types generated for queries found in "src/editors/editor-sessions.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'LinkState' parameters type */
export interface ILinkStateParams {
  hashToken: string;
}

/** 'LinkState' return type */
export interface ILinkStateResult {
  email: string;
  role: string;
}

/** 'LinkState' query type */
export interface ILinkStateQuery {
  params: ILinkStateParams;
  result: ILinkStateResult;
}

const linkStateIR: any = {"usedParamSet":{"hashToken":true},"params":[{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":109,"b":119}]}],"statement":"SELECT e.email, e.role FROM editor_sign_in_links l JOIN editors e ON e.id = l.editor_id\nWHERE l.token_hash = :hashToken! AND l.used_at IS NULL AND l.expires_at > now() AND e.revoked_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.email, e.role FROM editor_sign_in_links l JOIN editors e ON e.id = l.editor_id
 * WHERE l.token_hash = :hashToken! AND l.used_at IS NULL AND l.expires_at > now() AND e.revoked_at IS NULL
 * ```
 */
export const linkState = new PreparedQuery<ILinkStateParams,ILinkStateResult>(linkStateIR);


/** 'SignIn' parameters type */
export interface ISignInParams {
  hashToken: string;
  hashToken2: string;
}

/** 'SignIn' return type */
export interface ISignInResult {
  editor_id: number;
}

/** 'SignIn' query type */
export interface ISignInQuery {
  params: ISignInParams;
  result: ISignInResult;
}

const signInIR: any = {"usedParamSet":{"hashToken":true,"hashToken2":true},"params":[{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":107,"b":117}]},{"name":"hashToken2","required":true,"transform":{"type":"scalar"},"locs":[{"a":321,"b":332}]}],"statement":"WITH used AS (\n  UPDATE editor_sign_in_links l SET used_at = now()\n  FROM editors e\n  WHERE l.token_hash = :hashToken! AND l.used_at IS NULL AND l.expires_at > now() AND e.id = l.editor_id AND e.revoked_at IS NULL\n  RETURNING l.editor_id)\nINSERT INTO editor_sessions (id_hash, editor_id, last_seen_at, created_at) SELECT :hashToken2!, editor_id, now(), now() FROM used\nRETURNING editor_id"};

/**
 * Query generated from SQL:
 * ```
 * WITH used AS (
 *   UPDATE editor_sign_in_links l SET used_at = now()
 *   FROM editors e
 *   WHERE l.token_hash = :hashToken! AND l.used_at IS NULL AND l.expires_at > now() AND e.id = l.editor_id AND e.revoked_at IS NULL
 *   RETURNING l.editor_id)
 * INSERT INTO editor_sessions (id_hash, editor_id, last_seen_at, created_at) SELECT :hashToken2!, editor_id, now(), now() FROM used
 * RETURNING editor_id
 * ```
 */
export const signIn = new PreparedQuery<ISignInParams,ISignInResult>(signInIR);


/** 'SignOut' parameters type */
export interface ISignOutParams {
  hashToken: string;
}

/** 'SignOut' return type */
export type ISignOutResult = void;

/** 'SignOut' query type */
export interface ISignOutQuery {
  params: ISignOutParams;
  result: ISignOutResult;
}

const signOutIR: any = {"usedParamSet":{"hashToken":true},"params":[{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":60,"b":70}]}],"statement":"UPDATE editor_sessions SET ended_at = now() WHERE id_hash = :hashToken! AND ended_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editor_sessions SET ended_at = now() WHERE id_hash = :hashToken! AND ended_at IS NULL
 * ```
 */
export const signOut = new PreparedQuery<ISignOutParams,ISignOutResult>(signOutIR);


/** 'CreateSignInLink' parameters type */
export interface ICreateSignInLinkParams {
  email: string;
  minutes: number;
  tokenHash: string;
}

/** 'CreateSignInLink' return type */
export interface ICreateSignInLinkResult {
  editor_id: number;
}

/** 'CreateSignInLink' query type */
export interface ICreateSignInLinkQuery {
  params: ICreateSignInLinkParams;
  result: ICreateSignInLinkResult;
}

const createSignInLinkIR: any = {"usedParamSet":{"tokenHash":true,"minutes":true,"email":true},"params":[{"name":"tokenHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":92,"b":102}]},{"name":"minutes","required":true,"transform":{"type":"scalar"},"locs":[{"a":135,"b":143}]},{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":185,"b":191}]}],"statement":"INSERT INTO editor_sign_in_links (editor_id, token_hash, expires_at, created_at)\nSELECT id, :tokenHash!, now() + make_interval(mins => :minutes!::int), now() FROM editors WHERE email = :email! AND revoked_at IS NULL\nRETURNING editor_id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO editor_sign_in_links (editor_id, token_hash, expires_at, created_at)
 * SELECT id, :tokenHash!, now() + make_interval(mins => :minutes!::int), now() FROM editors WHERE email = :email! AND revoked_at IS NULL
 * RETURNING editor_id
 * ```
 */
export const createSignInLink = new PreparedQuery<ICreateSignInLinkParams,ICreateSignInLinkResult>(createSignInLinkIR);


/** 'EditorForSession' parameters type */
export interface IEditorForSessionParams {
  idHash: string;
  idleHours: number;
  maxHours: number;
}

/** 'EditorForSession' return type */
export interface IEditorForSessionResult {
  display_name: string | null;
  email: string;
  id: number;
  role: string;
}

/** 'EditorForSession' query type */
export interface IEditorForSessionQuery {
  params: IEditorForSessionParams;
  result: IEditorForSessionResult;
}

const editorForSessionIR: any = {"usedParamSet":{"idHash":true,"idleHours":true,"maxHours":true},"params":[{"name":"idHash","required":true,"transform":{"type":"scalar"},"locs":[{"a":83,"b":90}]},{"name":"idleHours","required":true,"transform":{"type":"scalar"},"locs":[{"a":167,"b":177}]},{"name":"maxHours","required":true,"transform":{"type":"scalar"},"locs":[{"a":237,"b":246}]}],"statement":"UPDATE editor_sessions s SET last_seen_at = now()\nFROM editors e\nWHERE s.id_hash = :idHash! AND s.ended_at IS NULL AND s.last_seen_at > now() - make_interval(hours => :idleHours!::int)\n  AND s.created_at > now() - make_interval(hours => :maxHours!::int)\n  AND e.id = s.editor_id AND e.revoked_at IS NULL\nRETURNING e.id, e.email, e.role, e.display_name"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editor_sessions s SET last_seen_at = now()
 * FROM editors e
 * WHERE s.id_hash = :idHash! AND s.ended_at IS NULL AND s.last_seen_at > now() - make_interval(hours => :idleHours!::int)
 *   AND s.created_at > now() - make_interval(hours => :maxHours!::int)
 *   AND e.id = s.editor_id AND e.revoked_at IS NULL
 * RETURNING e.id, e.email, e.role, e.display_name
 * ```
 */
export const editorForSession = new PreparedQuery<IEditorForSessionParams,IEditorForSessionResult>(editorForSessionIR);


