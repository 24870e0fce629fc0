-- The order queue lives beside the orders it queues: one row per unfinished order, inserted in the
-- transaction that stores the order and deleted in the one that stores its terminal event, so
-- there is never more queued work than unfinished orders and a refused submit stores nothing.
--
-- available_ms is when the row may next be claimed: the time it was queued, the end of the
-- current claim (moved forward by the holder's heartbeat), or when a released order may run
-- again. claim_owner is the worker holding it; a claim whose holder stopped heartbeating lapses
-- by itself, which is how a dead worker's orders are taken back.
CREATE TABLE order_queue (
    order_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    available_ms BIGINT       NOT NULL,
    claim_owner  VARCHAR(128),
    deliveries   INT          NOT NULL DEFAULT 0
);

-- Claims take the longest-waiting claimable rows first.
CREATE INDEX order_queue_by_available ON order_queue (available_ms);

INSERT INTO order_queue (order_id, available_ms, claim_owner, deliveries)
SELECT id, 0, NULL, deliveries FROM orders WHERE status NOT IN ('confirmed', 'failed', 'cancelled');

-- Superseded by order_queue: the lease of V2 and the delivery count.
ALTER TABLE orders DROP COLUMN lease_owner;
ALTER TABLE orders DROP COLUMN lease_until_ms;
ALTER TABLE orders DROP COLUMN deliveries;
