-- Which execution holds an order, and until when. A second delivery of the same order (a
-- redelivery, or an order queued again after Redis lost its queue) is not executed while another
-- execution's lease holds, so no order is ever executed twice at once.
ALTER TABLE orders ADD COLUMN lease_owner VARCHAR(128);
ALTER TABLE orders ADD COLUMN lease_until_ms BIGINT;
