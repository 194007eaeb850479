/* @name recordLinks */
INSERT INTO edition_links (edition_id, article_id, position, url, title, section, sponsored)
SELECT :editionId!, l.article_id, l.position, l.url, l.title, l.section, l.sponsored
FROM unnest(:articleIds!::int[], :positions!::int[], :urls!::text[], :titles!::text[], :sections!::text[], :sponsored!::boolean[]) AS l(article_id, position, url, title, section, sponsored)
ON CONFLICT (edition_id, article_id) DO NOTHING;

/* @name links */
SELECT article_id AS "articleId", position, url, title, section, sponsored FROM edition_links WHERE edition_id = :editionId! ORDER BY position;

/* @name addCounts */
INSERT INTO edition_clicks AS c (edition_id, article_id, segment, clicks, discounted_head, discounted_scanner, discounted_burst, discounted_repeat, updated_at)
SELECT d.edition_id, d.article_id, d.segment, d.clicks, d.head, d.scanner, d.burst, d.repeat, now()
FROM unnest(:editionIds!::int[], :articleIds!::int[], :segments!::int[], :clicks!::int[], :heads!::int[], :scanners!::int[], :bursts!::int[], :repeats!::int[]) AS d(edition_id, article_id, segment, clicks, head, scanner, burst, repeat)
JOIN editions e ON e.id = d.edition_id
ON CONFLICT (edition_id, article_id, segment) DO UPDATE SET
  clicks = c.clicks + excluded.clicks,
  discounted_head = c.discounted_head + excluded.discounted_head,
  discounted_scanner = c.discounted_scanner + excluded.discounted_scanner,
  discounted_burst = c.discounted_burst + excluded.discounted_burst,
  discounted_repeat = c.discounted_repeat + excluded.discounted_repeat,
  updated_at = now();

/* @name counts */
SELECT article_id AS "articleId", segment, clicks, discounted_head AS head, discounted_scanner AS scanner, discounted_burst AS burst, discounted_repeat AS repeat
FROM edition_clicks WHERE edition_id = :editionId!;
