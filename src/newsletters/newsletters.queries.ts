/** Types generated for queries found in "src/newsletters/newsletters.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'AllNewsletters' parameters type */
export type IAllNewslettersParams = void;

/** 'AllNewsletters' return type */
export interface IAllNewslettersResult {
  blurb: string;
  cadence: string;
  createdAt: Date;
  deliverBy: string | null;
  id: number;
  maxArticles: number;
  minArticles: number;
  name: string;
  notBefore: string | null;
  position: number;
  scheduleCron: string | null;
  scheduleTimezone: string;
  slug: string;
}

/** 'AllNewsletters' query type */
export interface IAllNewslettersQuery {
  params: IAllNewslettersParams;
  result: IAllNewslettersResult;
}

const allNewslettersIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id, slug, name, blurb, cadence, position, schedule_cron AS \"scheduleCron\", schedule_timezone AS \"scheduleTimezone\",\n       max_articles AS \"maxArticles\", min_articles AS \"minArticles\", deliver_by AS \"deliverBy\", not_before AS \"notBefore\", created_at AS \"createdAt\"\nFROM newsletters ORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, slug, name, blurb, cadence, position, schedule_cron AS "scheduleCron", schedule_timezone AS "scheduleTimezone",
 *        max_articles AS "maxArticles", min_articles AS "minArticles", deliver_by AS "deliverBy", not_before AS "notBefore", created_at AS "createdAt"
 * FROM newsletters ORDER BY position
 * ```
 */
export const allNewsletters = new PreparedQuery<IAllNewslettersParams,IAllNewslettersResult>(allNewslettersIR);


/** 'AllJobSectors' parameters type */
export type IAllJobSectorsParams = void;

/** 'AllJobSectors' return type */
export interface IAllJobSectorsResult {
  id: number;
  label: string;
  position: number;
  slug: string;
}

/** 'AllJobSectors' query type */
export interface IAllJobSectorsQuery {
  params: IAllJobSectorsParams;
  result: IAllJobSectorsResult;
}

const allJobSectorsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id, slug, label, position FROM job_sectors ORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, slug, label, position FROM job_sectors ORDER BY position
 * ```
 */
export const allJobSectors = new PreparedQuery<IAllJobSectorsParams,IAllJobSectorsResult>(allJobSectorsIR);


/** 'Timetables' parameters type */
export type ITimetablesParams = void;

/** 'Timetables' return type */
export interface ITimetablesResult {
  cron: string | null;
  deliverBy: string | null;
  id: number;
  minArticles: number;
  notBefore: string | null;
  slug: string;
  timezone: string;
}

/** 'Timetables' query type */
export interface ITimetablesQuery {
  params: ITimetablesParams;
  result: ITimetablesResult;
}

const timetablesIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id, slug, schedule_cron AS cron, schedule_timezone AS timezone, min_articles AS \"minArticles\", deliver_by AS \"deliverBy\", not_before AS \"notBefore\"\nFROM newsletters ORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, slug, schedule_cron AS cron, schedule_timezone AS timezone, min_articles AS "minArticles", deliver_by AS "deliverBy", not_before AS "notBefore"
 * FROM newsletters ORDER BY position
 * ```
 */
export const timetables = new PreparedQuery<ITimetablesParams,ITimetablesResult>(timetablesIR);


/** 'SetTimetable' parameters type */
export interface ISetTimetableParams {
  cron?: string | null | void;
  id: number;
  timezone: string;
}

/** 'SetTimetable' return type */
export type ISetTimetableResult = void;

/** 'SetTimetable' query type */
export interface ISetTimetableQuery {
  params: ISetTimetableParams;
  result: ISetTimetableResult;
}

const setTimetableIR: any = {"usedParamSet":{"cron":true,"timezone":true,"id":true},"params":[{"name":"cron","required":false,"transform":{"type":"scalar"},"locs":[{"a":39,"b":43}]},{"name":"timezone","required":true,"transform":{"type":"scalar"},"locs":[{"a":66,"b":75}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":88,"b":91}]}],"statement":"UPDATE newsletters SET schedule_cron = :cron, schedule_timezone = :timezone! WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE newsletters SET schedule_cron = :cron, schedule_timezone = :timezone! WHERE id = :id!
 * ```
 */
export const setTimetable = new PreparedQuery<ISetTimetableParams,ISetTimetableResult>(setTimetableIR);


/** 'SetMinArticles' parameters type */
export interface ISetMinArticlesParams {
  id: number;
  minArticles: number;
}

/** 'SetMinArticles' return type */
export type ISetMinArticlesResult = void;

/** 'SetMinArticles' query type */
export interface ISetMinArticlesQuery {
  params: ISetMinArticlesParams;
  result: ISetMinArticlesResult;
}

const setMinArticlesIR: any = {"usedParamSet":{"minArticles":true,"id":true},"params":[{"name":"minArticles","required":true,"transform":{"type":"scalar"},"locs":[{"a":38,"b":50}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":63,"b":66}]}],"statement":"UPDATE newsletters SET min_articles = :minArticles! WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE newsletters SET min_articles = :minArticles! WHERE id = :id!
 * ```
 */
export const setMinArticles = new PreparedQuery<ISetMinArticlesParams,ISetMinArticlesResult>(setMinArticlesIR);


/** 'SetDeadline' parameters type */
export interface ISetDeadlineParams {
  deliverBy?: string | null | void;
  id: number;
  notBefore?: string | null | void;
}

/** 'SetDeadline' return type */
export type ISetDeadlineResult = void;

/** 'SetDeadline' query type */
export interface ISetDeadlineQuery {
  params: ISetDeadlineParams;
  result: ISetDeadlineResult;
}

const setDeadlineIR: any = {"usedParamSet":{"deliverBy":true,"notBefore":true,"id":true},"params":[{"name":"deliverBy","required":false,"transform":{"type":"scalar"},"locs":[{"a":36,"b":45}]},{"name":"notBefore","required":false,"transform":{"type":"scalar"},"locs":[{"a":61,"b":70}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":83,"b":86}]}],"statement":"UPDATE newsletters SET deliver_by = :deliverBy, not_before = :notBefore WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE newsletters SET deliver_by = :deliverBy, not_before = :notBefore WHERE id = :id!
 * ```
 */
export const setDeadline = new PreparedQuery<ISetDeadlineParams,ISetDeadlineResult>(setDeadlineIR);


/** 'WelcomeText' parameters type */
export interface IWelcomeTextParams {
  id: number;
}

/** 'WelcomeText' return type */
export interface IWelcomeTextResult {
  welcomeText: string;
}

/** 'WelcomeText' query type */
export interface IWelcomeTextQuery {
  params: IWelcomeTextParams;
  result: IWelcomeTextResult;
}

const welcomeTextIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":65,"b":68}]}],"statement":"SELECT welcome_text AS \"welcomeText\" FROM newsletters WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT welcome_text AS "welcomeText" FROM newsletters WHERE id = :id!
 * ```
 */
export const welcomeText = new PreparedQuery<IWelcomeTextParams,IWelcomeTextResult>(welcomeTextIR);


/** 'SetWelcomeText' parameters type */
export interface ISetWelcomeTextParams {
  id: number;
  text: string;
}

/** 'SetWelcomeText' return type */
export type ISetWelcomeTextResult = void;

/** 'SetWelcomeText' query type */
export interface ISetWelcomeTextQuery {
  params: ISetWelcomeTextParams;
  result: ISetWelcomeTextResult;
}

const setWelcomeTextIR: any = {"usedParamSet":{"text":true,"id":true},"params":[{"name":"text","required":true,"transform":{"type":"scalar"},"locs":[{"a":38,"b":43}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":56,"b":59}]}],"statement":"UPDATE newsletters SET welcome_text = :text! WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE newsletters SET welcome_text = :text! WHERE id = :id!
 * ```
 */
export const setWelcomeText = new PreparedQuery<ISetWelcomeTextParams,ISetWelcomeTextResult>(setWelcomeTextIR);


