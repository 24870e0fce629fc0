-- An order belongs to the subject that submitted it: only that subject (or an administrator)
-- sees it. Orders stored before this had no owner; they belong to the anonymous subject, which
-- every request is when the gateway runs without authentication. The default only fills them:
-- every new order names its owner.
ALTER TABLE orders ADD COLUMN owner VARCHAR(255) DEFAULT 'anonymous' NOT NULL;
ALTER TABLE orders ALTER COLUMN owner DROP DEFAULT;

-- Idempotency keys are per owner: two subjects may use the same key for two orders. The UNIQUE
-- constraint of V1 on the key alone has a name only PostgreSQL spells predictably; dropping the
-- column takes it along on both H2 and PostgreSQL, so the keys move to a new column first.
ALTER TABLE orders ADD COLUMN client_key VARCHAR(64);
UPDATE orders SET client_key = client_order_id;
ALTER TABLE orders DROP COLUMN client_order_id;
ALTER TABLE orders RENAME COLUMN client_key TO client_order_id;
-- NULL keys are distinct from each other on both databases: orders without a key never collide.
CREATE UNIQUE INDEX orders_by_owner_key ON orders (owner, client_order_id);

-- An owner's orders newest first, with (created_ms, id) as the page cursor. No column of it ever
-- changes, so on PostgreSQL the steps of an execution stay heap-only updates (see V4).
CREATE INDEX orders_by_owner_created ON orders (owner, created_ms DESC, id DESC);
