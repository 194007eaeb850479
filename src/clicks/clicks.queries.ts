/** Types generated for queries found in "src/clicks/clicks.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type booleanArray = (boolean)[];

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'RecordLinks' parameters type */
export interface IRecordLinksParams {
  articleIds: Array<number | null>;
  editionId: number;
  positions: Array<number | null>;
  sections: Array<string | null>;
  sponsored: Array<boolean | null>;
  titles: Array<string | null>;
  urls: Array<string | null>;
}

/** 'RecordLinks' return type */
export type IRecordLinksResult = void;

/** 'RecordLinks' query type */
export interface IRecordLinksQuery {
  params: IRecordLinksParams;
  result: IRecordLinksResult;
}

const recordLinksIR: any = {"usedParamSet":{"editionId":true,"articleIds":true,"positions":true,"urls":true,"titles":true,"sections":true,"sponsored":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":100,"b":110}]},{"name":"articleIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":190,"b":201}]},{"name":"positions","required":true,"transform":{"type":"scalar"},"locs":[{"a":211,"b":221}]},{"name":"urls","required":true,"transform":{"type":"scalar"},"locs":[{"a":231,"b":236}]},{"name":"titles","required":true,"transform":{"type":"scalar"},"locs":[{"a":247,"b":254}]},{"name":"sections","required":true,"transform":{"type":"scalar"},"locs":[{"a":265,"b":274}]},{"name":"sponsored","required":true,"transform":{"type":"scalar"},"locs":[{"a":285,"b":295}]}],"statement":"INSERT INTO edition_links (edition_id, article_id, position, url, title, section, sponsored)\nSELECT :editionId!, l.article_id, l.position, l.url, l.title, l.section, l.sponsored\nFROM unnest(:articleIds!::int[], :positions!::int[], :urls!::text[], :titles!::text[], :sections!::text[], :sponsored!::boolean[]) AS l(article_id, position, url, title, section, sponsored)\nON CONFLICT (edition_id, article_id) DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO edition_links (edition_id, article_id, position, url, title, section, sponsored)
 * SELECT :editionId!, l.article_id, l.position, l.url, l.title, l.section, l.sponsored
 * FROM unnest(:articleIds!::int[], :positions!::int[], :urls!::text[], :titles!::text[], :sections!::text[], :sponsored!::boolean[]) AS l(article_id, position, url, title, section, sponsored)
 * ON CONFLICT (edition_id, article_id) DO NOTHING
 * ```
 */
export const recordLinks = new PreparedQuery<IRecordLinksParams,IRecordLinksResult>(recordLinksIR);


/** 'Links' parameters type */
export interface ILinksParams {
  editionId: number;
}

/** 'Links' return type */
export interface ILinksResult {
  articleId: number;
  position: number;
  section: string | null;
  sponsored: boolean;
  title: string;
  url: string;
}

/** 'Links' query type */
export interface ILinksQuery {
  params: ILinksParams;
  result: ILinksResult;
}

const linksIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":113,"b":123}]}],"statement":"SELECT article_id AS \"articleId\", position, url, title, section, sponsored FROM edition_links WHERE edition_id = :editionId! ORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT article_id AS "articleId", position, url, title, section, sponsored FROM edition_links WHERE edition_id = :editionId! ORDER BY position
 * ```
 */
export const links = new PreparedQuery<ILinksParams,ILinksResult>(linksIR);


/** 'AddCounts' parameters type */
export interface IAddCountsParams {
  articleIds: Array<number | null>;
  bursts: Array<number | null>;
  clicks: Array<number | null>;
  editionIds: Array<number | null>;
  heads: Array<number | null>;
  repeats: Array<number | null>;
  scanners: Array<number | null>;
  segments: Array<number | null>;
}

/** 'AddCounts' return type */
export type IAddCountsResult = void;

/** 'AddCounts' query type */
export interface IAddCountsQuery {
  params: IAddCountsParams;
  result: IAddCountsResult;
}

const addCountsIR: any = {"usedParamSet":{"editionIds":true,"articleIds":true,"segments":true,"clicks":true,"heads":true,"scanners":true,"bursts":true,"repeats":true},"params":[{"name":"editionIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":272,"b":283}]},{"name":"articleIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":293,"b":304}]},{"name":"segments","required":true,"transform":{"type":"scalar"},"locs":[{"a":314,"b":323}]},{"name":"clicks","required":true,"transform":{"type":"scalar"},"locs":[{"a":333,"b":340}]},{"name":"heads","required":true,"transform":{"type":"scalar"},"locs":[{"a":350,"b":356}]},{"name":"scanners","required":true,"transform":{"type":"scalar"},"locs":[{"a":366,"b":375}]},{"name":"bursts","required":true,"transform":{"type":"scalar"},"locs":[{"a":385,"b":392}]},{"name":"repeats","required":true,"transform":{"type":"scalar"},"locs":[{"a":402,"b":410}]}],"statement":"INSERT INTO edition_clicks AS c (edition_id, article_id, segment, clicks, discounted_head, discounted_scanner, discounted_burst, discounted_repeat, updated_at)\nSELECT d.edition_id, d.article_id, d.segment, d.clicks, d.head, d.scanner, d.burst, d.repeat, now()\nFROM unnest(:editionIds!::int[], :articleIds!::int[], :segments!::int[], :clicks!::int[], :heads!::int[], :scanners!::int[], :bursts!::int[], :repeats!::int[]) AS d(edition_id, article_id, segment, clicks, head, scanner, burst, repeat)\nJOIN editions e ON e.id = d.edition_id\nON CONFLICT (edition_id, article_id, segment) DO UPDATE SET\n  clicks = c.clicks + excluded.clicks,\n  discounted_head = c.discounted_head + excluded.discounted_head,\n  discounted_scanner = c.discounted_scanner + excluded.discounted_scanner,\n  discounted_burst = c.discounted_burst + excluded.discounted_burst,\n  discounted_repeat = c.discounted_repeat + excluded.discounted_repeat,\n  updated_at = now()"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO edition_clicks AS c (edition_id, article_id, segment, clicks, discounted_head, discounted_scanner, discounted_burst, discounted_repeat, updated_at)
 * SELECT d.edition_id, d.article_id, d.segment, d.clicks, d.head, d.scanner, d.burst, d.repeat, now()
 * FROM unnest(:editionIds!::int[], :articleIds!::int[], :segments!::int[], :clicks!::int[], :heads!::int[], :scanners!::int[], :bursts!::int[], :repeats!::int[]) AS d(edition_id, article_id, segment, clicks, head, scanner, burst, repeat)
 * JOIN editions e ON e.id = d.edition_id
 * ON CONFLICT (edition_id, article_id, segment) DO UPDATE SET
 *   clicks = c.clicks + excluded.clicks,
 *   discounted_head = c.discounted_head + excluded.discounted_head,
 *   discounted_scanner = c.discounted_scanner + excluded.discounted_scanner,
 *   discounted_burst = c.discounted_burst + excluded.discounted_burst,
 *   discounted_repeat = c.discounted_repeat + excluded.discounted_repeat,
 *   updated_at = now()
 * ```
 */
export const addCounts = new PreparedQuery<IAddCountsParams,IAddCountsResult>(addCountsIR);


/** 'Counts' parameters type */
export interface ICountsParams {
  editionId: number;
}

/** 'Counts' return type */
export interface ICountsResult {
  articleId: number;
  burst: number;
  clicks: number;
  head: number;
  repeat: number;
  scanner: number;
  segment: number;
}

/** 'Counts' query type */
export interface ICountsQuery {
  params: ICountsParams;
  result: ICountsResult;
}

const countsIR: any = {"usedParamSet":{"editionId":true},"params":[{"name":"editionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":201,"b":211}]}],"statement":"SELECT article_id AS \"articleId\", segment, clicks, discounted_head AS head, discounted_scanner AS scanner, discounted_burst AS burst, discounted_repeat AS repeat\nFROM edition_clicks WHERE edition_id = :editionId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT article_id AS "articleId", segment, clicks, discounted_head AS head, discounted_scanner AS scanner, discounted_burst AS burst, discounted_repeat AS repeat
 * FROM edition_clicks WHERE edition_id = :editionId!
 * ```
 */
export const counts = new PreparedQuery<ICountsParams,ICountsResult>(countsIR);


