/* @name signOff */
-- The name an editor signs with: their display name from the team page, else their address.
SELECT coalesce(nullif(trim(display_name), ''), email) AS "name!" FROM editors WHERE id = :id!;
