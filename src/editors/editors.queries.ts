/** Types generated for queries found in "src/editors/editors.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type numberArray = (number)[];

/** 'Create' parameters type */
export interface ICreateParams {
  email: string;
  hashToken: string;
  role: string;
}

/** 'Create' return type */
export interface ICreateResult {
  id: number;
}

/** 'Create' query type */
export interface ICreateQuery {
  params: ICreateParams;
  result: ICreateResult;
}

const createIR: any = {"usedParamSet":{"email":true,"hashToken":true,"role":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":66,"b":72}]},{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":75,"b":85}]},{"name":"role","required":true,"transform":{"type":"scalar"},"locs":[{"a":88,"b":93}]}],"statement":"INSERT INTO editors (email, token_hash, role, created_at) VALUES (:email!, :hashToken!, :role!, now()) RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO editors (email, token_hash, role, created_at) VALUES (:email!, :hashToken!, :role!, now()) RETURNING id
 * ```
 */
export const create = new PreparedQuery<ICreateParams,ICreateResult>(createIR);


/** 'Revoke' parameters type */
export interface IRevokeParams {
  email: string;
}

/** 'Revoke' return type */
export interface IRevokeResult {
  id: number;
}

/** 'Revoke' query type */
export interface IRevokeQuery {
  params: IRevokeParams;
  result: IRevokeResult;
}

const revokeIR: any = {"usedParamSet":{"email":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":52,"b":58}]}],"statement":"UPDATE editors SET revoked_at = now() WHERE email = :email! AND revoked_at IS NULL RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editors SET revoked_at = now() WHERE email = :email! AND revoked_at IS NULL RETURNING id
 * ```
 */
export const revoke = new PreparedQuery<IRevokeParams,IRevokeResult>(revokeIR);


/** 'Revoke2' parameters type */
export interface IRevoke2Params {
  revoked: number;
}

/** 'Revoke2' return type */
export type IRevoke2Result = void;

/** 'Revoke2' query type */
export interface IRevoke2Query {
  params: IRevoke2Params;
  result: IRevoke2Result;
}

const revoke2IR: any = {"usedParamSet":{"revoked":true},"params":[{"name":"revoked","required":true,"transform":{"type":"scalar"},"locs":[{"a":62,"b":70}]}],"statement":"UPDATE editor_sessions SET ended_at = now() WHERE editor_id = :revoked! AND ended_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editor_sessions SET ended_at = now() WHERE editor_id = :revoked! AND ended_at IS NULL
 * ```
 */
export const revoke2 = new PreparedQuery<IRevoke2Params,IRevoke2Result>(revoke2IR);


/** 'Authenticate' parameters type */
export interface IAuthenticateParams {
  hashToken: string;
}

/** 'Authenticate' return type */
export interface IAuthenticateResult {
  display_name: string | null;
  email: string;
  id: number;
  revoked: boolean | null;
  role: string;
}

/** 'Authenticate' query type */
export interface IAuthenticateQuery {
  params: IAuthenticateParams;
  result: IAuthenticateResult;
}

const authenticateIR: any = {"usedParamSet":{"hashToken":true},"params":[{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":104,"b":114}]}],"statement":"SELECT id, email, role, display_name, revoked_at IS NOT NULL AS revoked FROM editors WHERE token_hash = :hashToken!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, email, role, display_name, revoked_at IS NOT NULL AS revoked FROM editors WHERE token_hash = :hashToken!
 * ```
 */
export const authenticate = new PreparedQuery<IAuthenticateParams,IAuthenticateResult>(authenticateIR);


/** 'EmailsByIds' parameters type */
export interface IEmailsByIdsParams {
  ids: Array<number | null>;
}

/** 'EmailsByIds' return type */
export interface IEmailsByIdsResult {
  display_name: string | null;
  email: string;
  id: number;
}

/** 'EmailsByIds' query type */
export interface IEmailsByIdsQuery {
  params: IEmailsByIdsParams;
  result: IEmailsByIdsResult;
}

const emailsByIdsIR: any = {"usedParamSet":{"ids":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":59,"b":63}]}],"statement":"SELECT id, email, display_name FROM editors WHERE id = ANY(:ids!::int[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, email, display_name FROM editors WHERE id = ANY(:ids!::int[])
 * ```
 */
export const emailsByIds = new PreparedQuery<IEmailsByIdsParams,IEmailsByIdsResult>(emailsByIdsIR);


/** 'OnApplicationBootstrap' parameters type */
export interface IOnApplicationBootstrapParams {
  BOOTSTRAP_EDITOR: string;
  hashToken: string;
}

/** 'OnApplicationBootstrap' return type */
export type IOnApplicationBootstrapResult = void;

/** 'OnApplicationBootstrap' query type */
export interface IOnApplicationBootstrapQuery {
  params: IOnApplicationBootstrapParams;
  result: IOnApplicationBootstrapResult;
}

const onApplicationBootstrapIR: any = {"usedParamSet":{"hashToken":true,"BOOTSTRAP_EDITOR":true},"params":[{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":32,"b":42}]},{"name":"BOOTSTRAP_EDITOR","required":true,"transform":{"type":"scalar"},"locs":[{"a":77,"b":94}]}],"statement":"UPDATE editors SET token_hash = :hashToken!, revoked_at = NULL WHERE email = :BOOTSTRAP_EDITOR!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editors SET token_hash = :hashToken!, revoked_at = NULL WHERE email = :BOOTSTRAP_EDITOR!
 * ```
 */
export const onApplicationBootstrap = new PreparedQuery<IOnApplicationBootstrapParams,IOnApplicationBootstrapResult>(onApplicationBootstrapIR);


/** 'OnApplicationBootstrap2' parameters type */
export interface IOnApplicationBootstrap2Params {
  BOOTSTRAP_EDITOR: string;
  hashToken: string;
}

/** 'OnApplicationBootstrap2' return type */
export type IOnApplicationBootstrap2Result = void;

/** 'OnApplicationBootstrap2' query type */
export interface IOnApplicationBootstrap2Query {
  params: IOnApplicationBootstrap2Params;
  result: IOnApplicationBootstrap2Result;
}

const onApplicationBootstrap2IR: any = {"usedParamSet":{"BOOTSTRAP_EDITOR":true,"hashToken":true},"params":[{"name":"BOOTSTRAP_EDITOR","required":true,"transform":{"type":"scalar"},"locs":[{"a":60,"b":77}]},{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":80,"b":90}]}],"statement":"INSERT INTO editors (email, token_hash, created_at) VALUES (:BOOTSTRAP_EDITOR!, :hashToken!, now()) ON CONFLICT DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO editors (email, token_hash, created_at) VALUES (:BOOTSTRAP_EDITOR!, :hashToken!, now()) ON CONFLICT DO NOTHING
 * ```
 */
export const onApplicationBootstrap2 = new PreparedQuery<IOnApplicationBootstrap2Params,IOnApplicationBootstrap2Result>(onApplicationBootstrap2IR);


/** 'BootstrapAdmin' parameters type */
export interface IBootstrapAdminParams {
  email: string;
  hashToken: string;
}

/** 'BootstrapAdmin' return type */
export interface IBootstrapAdminResult {
  id: number;
}

/** 'BootstrapAdmin' query type */
export interface IBootstrapAdminQuery {
  params: IBootstrapAdminParams;
  result: IBootstrapAdminResult;
}

const bootstrapAdminIR: any = {"usedParamSet":{"email":true,"hashToken":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":66,"b":72}]},{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":75,"b":85}]}],"statement":"INSERT INTO editors (email, token_hash, role, created_at) VALUES (:email!, :hashToken!, 'admin', now())\nON CONFLICT (email) DO UPDATE SET role = 'admin', revoked_at = NULL,\n  token_hash = CASE WHEN editors.revoked_at IS NULL THEN editors.token_hash ELSE EXCLUDED.token_hash END\nWHERE editors.role <> 'admin' OR editors.revoked_at IS NOT NULL\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO editors (email, token_hash, role, created_at) VALUES (:email!, :hashToken!, 'admin', now())
 * ON CONFLICT (email) DO UPDATE SET role = 'admin', revoked_at = NULL,
 *   token_hash = CASE WHEN editors.revoked_at IS NULL THEN editors.token_hash ELSE EXCLUDED.token_hash END
 * WHERE editors.role <> 'admin' OR editors.revoked_at IS NOT NULL
 * RETURNING id
 * ```
 */
export const bootstrapAdmin = new PreparedQuery<IBootstrapAdminParams,IBootstrapAdminResult>(bootstrapAdminIR);


/** 'Team' parameters type */
export interface ITeamParams {
  bootstrap: string;
  idleHours: number;
  maxHours: number;
}

/** 'Team' return type */
export interface ITeamResult {
  active_sessions: number | null;
  created_at: Date;
  display_name: string | null;
  email: string;
  id: number;
  last_sign_in: Date | null;
  role: string;
}

/** 'Team' query type */
export interface ITeamQuery {
  params: ITeamParams;
  result: ITeamResult;
}

const teamIR: any = {"usedParamSet":{"idleHours":true,"maxHours":true,"bootstrap":true},"params":[{"name":"idleHours","required":true,"transform":{"type":"scalar"},"locs":[{"a":299,"b":309}]},{"name":"maxHours","required":true,"transform":{"type":"scalar"},"locs":[{"a":372,"b":381}]},{"name":"bootstrap","required":true,"transform":{"type":"scalar"},"locs":[{"a":471,"b":481}]}],"statement":"SELECT e.id, e.email, e.display_name, e.role, e.created_at,\n  (SELECT max(s.created_at) FROM editor_sessions s WHERE s.editor_id = e.id) AS last_sign_in,\n  (SELECT count(*) FROM editor_sessions s\n   WHERE s.editor_id = e.id AND s.ended_at IS NULL AND s.last_seen_at > now() - make_interval(hours => :idleHours!::int)\n     AND s.created_at > now() - make_interval(hours => :maxHours!::int))::int AS active_sessions\nFROM editors e WHERE e.revoked_at IS NULL AND e.email <> :bootstrap! ORDER BY e.email"};

/**
 * Query generated from SQL:
 * ```
 * SELECT e.id, e.email, e.display_name, e.role, e.created_at,
 *   (SELECT max(s.created_at) FROM editor_sessions s WHERE s.editor_id = e.id) AS last_sign_in,
 *   (SELECT count(*) FROM editor_sessions s
 *    WHERE s.editor_id = e.id AND s.ended_at IS NULL AND s.last_seen_at > now() - make_interval(hours => :idleHours!::int)
 *      AND s.created_at > now() - make_interval(hours => :maxHours!::int))::int AS active_sessions
 * FROM editors e WHERE e.revoked_at IS NULL AND e.email <> :bootstrap! ORDER BY e.email
 * ```
 */
export const team = new PreparedQuery<ITeamParams,ITeamResult>(teamIR);


/** 'Invite' parameters type */
export interface IInviteParams {
  displayName?: string | null | void;
  email: string;
  hashToken: string;
  role: string;
}

/** 'Invite' return type */
export interface IInviteResult {
  id: number;
}

/** 'Invite' query type */
export interface IInviteQuery {
  params: IInviteParams;
  result: IInviteResult;
}

const inviteIR: any = {"usedParamSet":{"email":true,"hashToken":true,"role":true,"displayName":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":80,"b":86}]},{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":89,"b":99}]},{"name":"role","required":true,"transform":{"type":"scalar"},"locs":[{"a":102,"b":107}]},{"name":"displayName","required":false,"transform":{"type":"scalar"},"locs":[{"a":110,"b":121}]}],"statement":"INSERT INTO editors (email, token_hash, role, display_name, created_at) VALUES (:email!, :hashToken!, :role!, :displayName, now())\nON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, revoked_at = NULL, token_hash = EXCLUDED.token_hash,\n  display_name = coalesce(EXCLUDED.display_name, editors.display_name)\nWHERE editors.revoked_at IS NOT NULL\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO editors (email, token_hash, role, display_name, created_at) VALUES (:email!, :hashToken!, :role!, :displayName, now())
 * ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, revoked_at = NULL, token_hash = EXCLUDED.token_hash,
 *   display_name = coalesce(EXCLUDED.display_name, editors.display_name)
 * WHERE editors.revoked_at IS NOT NULL
 * RETURNING id
 * ```
 */
export const invite = new PreparedQuery<IInviteParams,IInviteResult>(inviteIR);


/** 'LockAdmins' parameters type */
export type ILockAdminsParams = void;

/** 'LockAdmins' return type */
export interface ILockAdminsResult {
  id: number;
}

/** 'LockAdmins' query type */
export interface ILockAdminsQuery {
  params: ILockAdminsParams;
  result: ILockAdminsResult;
}

const lockAdminsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id FROM editors WHERE role = 'admin' AND revoked_at IS NULL ORDER BY id FOR UPDATE"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id FROM editors WHERE role = 'admin' AND revoked_at IS NULL ORDER BY id FOR UPDATE
 * ```
 */
export const lockAdmins = new PreparedQuery<ILockAdminsParams,ILockAdminsResult>(lockAdminsIR);


/** 'OtherAdmins' parameters type */
export interface IOtherAdminsParams {
  bootstrap: string;
  id: number;
}

/** 'OtherAdmins' return type */
export interface IOtherAdminsResult {
  admins: number | null;
}

/** 'OtherAdmins' query type */
export interface IOtherAdminsQuery {
  params: IOtherAdminsParams;
  result: IOtherAdminsResult;
}

const otherAdminsIR: any = {"usedParamSet":{"id":true,"bootstrap":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":98,"b":101}]},{"name":"bootstrap","required":true,"transform":{"type":"scalar"},"locs":[{"a":116,"b":126}]}],"statement":"SELECT count(*)::int AS admins FROM editors WHERE role = 'admin' AND revoked_at IS NULL AND id <> :id! AND email <> :bootstrap!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(*)::int AS admins FROM editors WHERE role = 'admin' AND revoked_at IS NULL AND id <> :id! AND email <> :bootstrap!
 * ```
 */
export const otherAdmins = new PreparedQuery<IOtherAdminsParams,IOtherAdminsResult>(otherAdminsIR);


/** 'Member' parameters type */
export interface IMemberParams {
  bootstrap: string;
  id: number;
}

/** 'Member' return type */
export interface IMemberResult {
  display_name: string | null;
  email: string;
  id: number;
  role: string;
}

/** 'Member' query type */
export interface IMemberQuery {
  params: IMemberParams;
  result: IMemberResult;
}

const memberIR: any = {"usedParamSet":{"id":true,"bootstrap":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":61,"b":64}]},{"name":"bootstrap","required":true,"transform":{"type":"scalar"},"locs":[{"a":102,"b":112}]}],"statement":"SELECT id, email, role, display_name FROM editors WHERE id = :id! AND revoked_at IS NULL AND email <> :bootstrap!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, email, role, display_name FROM editors WHERE id = :id! AND revoked_at IS NULL AND email <> :bootstrap!
 * ```
 */
export const member = new PreparedQuery<IMemberParams,IMemberResult>(memberIR);


/** 'SetRole' parameters type */
export interface ISetRoleParams {
  id: number;
  role: string;
}

/** 'SetRole' return type */
export type ISetRoleResult = void;

/** 'SetRole' query type */
export interface ISetRoleQuery {
  params: ISetRoleParams;
  result: ISetRoleResult;
}

const setRoleIR: any = {"usedParamSet":{"role":true,"id":true},"params":[{"name":"role","required":true,"transform":{"type":"scalar"},"locs":[{"a":26,"b":31}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":44,"b":47}]}],"statement":"UPDATE editors SET role = :role! WHERE id = :id! AND revoked_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editors SET role = :role! WHERE id = :id! AND revoked_at IS NULL
 * ```
 */
export const setRole = new PreparedQuery<ISetRoleParams,ISetRoleResult>(setRoleIR);


/** 'SetDisplayName' parameters type */
export interface ISetDisplayNameParams {
  displayName?: string | null | void;
  id: number;
}

/** 'SetDisplayName' return type */
export type ISetDisplayNameResult = void;

/** 'SetDisplayName' query type */
export interface ISetDisplayNameQuery {
  params: ISetDisplayNameParams;
  result: ISetDisplayNameResult;
}

const setDisplayNameIR: any = {"usedParamSet":{"displayName":true,"id":true},"params":[{"name":"displayName","required":false,"transform":{"type":"scalar"},"locs":[{"a":34,"b":45}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":58,"b":61}]}],"statement":"UPDATE editors SET display_name = :displayName WHERE id = :id! AND revoked_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editors SET display_name = :displayName WHERE id = :id! AND revoked_at IS NULL
 * ```
 */
export const setDisplayName = new PreparedQuery<ISetDisplayNameParams,ISetDisplayNameResult>(setDisplayNameIR);


/** 'Remove' parameters type */
export interface IRemoveParams {
  id: number;
}

/** 'Remove' return type */
export type IRemoveResult = void;

/** 'Remove' query type */
export interface IRemoveQuery {
  params: IRemoveParams;
  result: IRemoveResult;
}

const removeIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":49,"b":52}]}],"statement":"UPDATE editors SET revoked_at = now() WHERE id = :id! AND revoked_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE editors SET revoked_at = now() WHERE id = :id! AND revoked_at IS NULL
 * ```
 */
export const remove = new PreparedQuery<IRemoveParams,IRemoveResult>(removeIR);


/** 'ActiveEmails' parameters type */
export type IActiveEmailsParams = void;

/** 'ActiveEmails' return type */
export interface IActiveEmailsResult {
  email: string;
}

/** 'ActiveEmails' query type */
export interface IActiveEmailsQuery {
  params: IActiveEmailsParams;
  result: IActiveEmailsResult;
}

const activeEmailsIR: any = {"usedParamSet":{},"params":[],"statement":"-- Editors who can still sign in; the bootstrap editor (an .invalid address) reads no mail.\nSELECT email FROM editors WHERE revoked_at IS NULL AND email NOT LIKE '%.invalid' ORDER BY id"};

/**
 * Query generated from SQL:
 * ```
 * -- Editors who can still sign in; the bootstrap editor (an .invalid address) reads no mail.
 * SELECT email FROM editors WHERE revoked_at IS NULL AND email NOT LIKE '%.invalid' ORDER BY id
 * ```
 */
export const activeEmails = new PreparedQuery<IActiveEmailsParams,IActiveEmailsResult>(activeEmailsIR);


