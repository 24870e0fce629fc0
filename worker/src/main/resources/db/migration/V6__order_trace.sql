-- The W3C traceparent of the submit that queued an order (its span on the gateway), kept with the
-- queue row: the worker that claims the order, in whatever process, continues that trace. NULL
-- when the gateway did not trace the submit. Version 00 of the header is 55 characters, the only
-- one the gateway writes. It leaves with the row when the order ends.
ALTER TABLE order_queue ADD COLUMN traceparent VARCHAR(55);
