/** Types generated for queries found in "src/editors/editors.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type numberArray = (number)[];

/** 'Create' parameters type */
export interface ICreateParams {
  email: string;
  hashToken: string;
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

const createIR: any = {"usedParamSet":{"email":true,"hashToken":true},"params":[{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":60,"b":66}]},{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":69,"b":79}]}],"statement":"INSERT INTO editors (email, token_hash, created_at) VALUES (:email!, :hashToken!, now()) RETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO editors (email, token_hash, created_at) VALUES (:email!, :hashToken!, now()) RETURNING id
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
  email: string;
  id: number;
  revoked: boolean | null;
}

/** 'Authenticate' query type */
export interface IAuthenticateQuery {
  params: IAuthenticateParams;
  result: IAuthenticateResult;
}

const authenticateIR: any = {"usedParamSet":{"hashToken":true},"params":[{"name":"hashToken","required":true,"transform":{"type":"scalar"},"locs":[{"a":84,"b":94}]}],"statement":"SELECT id, email, revoked_at IS NOT NULL AS revoked FROM editors WHERE token_hash = :hashToken!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, email, revoked_at IS NOT NULL AS revoked FROM editors WHERE token_hash = :hashToken!
 * ```
 */
export const authenticate = new PreparedQuery<IAuthenticateParams,IAuthenticateResult>(authenticateIR);


/** 'EmailsByIds' parameters type */
export interface IEmailsByIdsParams {
  ids: Array<number | null>;
}

/** 'EmailsByIds' return type */
export interface IEmailsByIdsResult {
  email: string;
  id: number;
}

/** 'EmailsByIds' query type */
export interface IEmailsByIdsQuery {
  params: IEmailsByIdsParams;
  result: IEmailsByIdsResult;
}

const emailsByIdsIR: any = {"usedParamSet":{"ids":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":45,"b":49}]}],"statement":"SELECT id, email FROM editors WHERE id = ANY(:ids!::int[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, email FROM editors WHERE id = ANY(:ids!::int[])
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


