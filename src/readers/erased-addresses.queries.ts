/** Types generated for queries found in "src/readers/erased-addresses.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type stringArray = (string)[];

/** 'Add' parameters type */
export interface IAddParams {
  this: string;
}

/** 'Add' return type */
export type IAddResult = void;

/** 'Add' query type */
export interface IAddQuery {
  params: IAddParams;
  result: IAddResult;
}

const addIR: any = {"usedParamSet":{"this":true},"params":[{"name":"this","required":true,"transform":{"type":"scalar"},"locs":[{"a":63,"b":68}]}],"statement":"INSERT INTO erased_addresses (address_hash, erased_at) VALUES (:this!, now()) ON CONFLICT DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO erased_addresses (address_hash, erased_at) VALUES (:this!, now()) ON CONFLICT DO NOTHING
 * ```
 */
export const add = new PreparedQuery<IAddParams,IAddResult>(addIR);


/** 'Erased' parameters type */
export interface IErasedParams {
  p1: Array<string | null>;
}

/** 'Erased' return type */
export interface IErasedResult {
  address_hash: string;
}

/** 'Erased' query type */
export interface IErasedQuery {
  params: IErasedParams;
  result: IErasedResult;
}

const erasedIR: any = {"usedParamSet":{"p1":true},"params":[{"name":"p1","required":true,"transform":{"type":"scalar"},"locs":[{"a":67,"b":70}]}],"statement":"SELECT address_hash FROM erased_addresses WHERE address_hash = ANY(:p1!::text[])"};

/**
 * Query generated from SQL:
 * ```
 * SELECT address_hash FROM erased_addresses WHERE address_hash = ANY(:p1!::text[])
 * ```
 */
export const erased = new PreparedQuery<IErasedParams,IErasedResult>(erasedIR);


/** 'Forget' parameters type */
export interface IForgetParams {
  this: Array<string | null>;
}

/** 'Forget' return type */
export type IForgetResult = void;

/** 'Forget' query type */
export interface IForgetQuery {
  params: IForgetParams;
  result: IForgetResult;
}

const forgetIR: any = {"usedParamSet":{"this":true},"params":[{"name":"this","required":true,"transform":{"type":"scalar"},"locs":[{"a":54,"b":59}]}],"statement":"DELETE FROM erased_addresses WHERE address_hash = ANY(:this!::text[])"};

/**
 * Query generated from SQL:
 * ```
 * DELETE FROM erased_addresses WHERE address_hash = ANY(:this!::text[])
 * ```
 */
export const forget = new PreparedQuery<IForgetParams,IForgetResult>(forgetIR);


