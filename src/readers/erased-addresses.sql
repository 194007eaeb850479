/* @name add */
INSERT INTO erased_addresses (address_hash, erased_at) VALUES (:this!, now()) ON CONFLICT DO NOTHING;

/* @name erased */
SELECT address_hash FROM erased_addresses WHERE address_hash = ANY(:p1!::text[]);

/* @name forget */
DELETE FROM erased_addresses WHERE address_hash = ANY(:this!::text[]);
