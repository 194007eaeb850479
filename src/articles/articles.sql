/* @name sections */
SELECT DISTINCT section AS "section!" FROM articles WHERE section IS NOT NULL ORDER BY 1;

/* @name publishedSince */
-- Newest first from since (after it, when after is set), continuing after the cursor.
SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles
WHERE (:since::timestamptz IS NULL OR published_at > :since::timestamptz OR (NOT :after!::boolean AND published_at = :since::timestamptz))
  AND (:cursorAt::timestamptz IS NULL OR published_at < :cursorAt::timestamptz OR (published_at = :cursorAt::timestamptz AND id < :cursorId::int))
ORDER BY published_at DESC, id DESC LIMIT :limit!;

/* @name byIds */
SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE id = ANY(:ids!::int[]);

/* @name browse */
SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles
WHERE (:pattern::text IS NULL OR title ILIKE :pattern::text) AND (:section::text IS NULL OR section = :section::text)
  AND (:cursorAt::timestamptz IS NULL OR published_at < :cursorAt::timestamptz OR (published_at = :cursorAt::timestamptz AND id < :cursorId::int))
ORDER BY published_at DESC, id DESC LIMIT :limit!;

/* @name createdSince */
SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles
WHERE created_at >= :since! ORDER BY published_at DESC, id DESC LIMIT :limit!;

/* @name insertArticle */
INSERT INTO articles (url, guid, title, standfirst, author, section, topics, image_url, sponsored, published_at, target_sectors, created_at, updated_at)
VALUES (:url!, :guid, :title!, :standfirst, :author, :section, :topics!, :imageUrl, :sponsored!, :publishedAt!, :targetSectors::int[], now(), now())
ON CONFLICT DO NOTHING
RETURNING id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at;

/* @name updateArticle */
UPDATE articles SET url = :url!, guid = :guid, title = :title!, standfirst = :standfirst, author = :author, section = :section, topics = :topics!,
  image_url = :imageUrl, sponsored = :sponsored!, published_at = :publishedAt!, target_sectors = :targetSectors::int[], updated_at = now()
WHERE id = :id!
RETURNING id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at;

/* @name byGuidForUpdate */
-- Locked so that two imports of one feed cannot both update the same article.
SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE guid = :guid! FOR UPDATE;

/* @name byUrlForUpdate */
SELECT id, url, guid, title, standfirst, author, section, topics, image_url, sponsored, target_sectors, published_at FROM articles WHERE url = :url! FOR UPDATE;
