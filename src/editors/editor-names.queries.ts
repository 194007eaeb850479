/** Types generated for queries found in "src/editors/editor-names.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'SignOff' parameters type */
export interface ISignOffParams {
  id: number;
}

/** 'SignOff' return type */
export interface ISignOffResult {
  name: string;
}

/** 'SignOff' query type */
export interface ISignOffQuery {
  params: ISignOffParams;
  result: ISignOffResult;
}

const signOffIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":183,"b":186}]}],"statement":"-- The name an editor signs with: their display name from the team page, else their address.\nSELECT coalesce(nullif(trim(display_name), ''), email) AS \"name!\" FROM editors WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * -- The name an editor signs with: their display name from the team page, else their address.
 * SELECT coalesce(nullif(trim(display_name), ''), email) AS "name!" FROM editors WHERE id = :id!
 * ```
 */
export const signOff = new PreparedQuery<ISignOffParams,ISignOffResult>(signOffIR);


