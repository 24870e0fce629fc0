-- Who each queued order counts against when a gateway keeps one caller from filling the queue:
-- the subject that submitted it, or in anonymous mode the address it came from, as the gateway
-- names them. Orders queued before this count against no one; they end as they always would.
ALTER TABLE order_queue ADD COLUMN submitter VARCHAR(300);

-- A submit counts its caller's unfinished orders.
CREATE INDEX order_queue_by_submitter ON order_queue (submitter);
