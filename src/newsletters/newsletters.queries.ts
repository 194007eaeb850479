/** Types generated for queries found in "src/newsletters/newsletters.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'AllNewsletters' parameters type */
export type IAllNewslettersParams = void;

/** 'AllNewsletters' return type */
export interface IAllNewslettersResult {
  blurb: string;
  cadence: string;
  createdAt: Date;
  id: number;
  maxArticles: number;
  name: string;
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

const allNewslettersIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id, slug, name, blurb, cadence, position, schedule_cron AS \"scheduleCron\", schedule_timezone AS \"scheduleTimezone\",\n       max_articles AS \"maxArticles\", created_at AS \"createdAt\"\nFROM newsletters ORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, slug, name, blurb, cadence, position, schedule_cron AS "scheduleCron", schedule_timezone AS "scheduleTimezone",
 *        max_articles AS "maxArticles", created_at AS "createdAt"
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
  id: number;
  slug: string;
  timezone: string;
}

/** 'Timetables' query type */
export interface ITimetablesQuery {
  params: ITimetablesParams;
  result: ITimetablesResult;
}

const timetablesIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT id, slug, schedule_cron AS cron, schedule_timezone AS timezone FROM newsletters ORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, slug, schedule_cron AS cron, schedule_timezone AS timezone FROM newsletters ORDER BY position
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


