-- Why a failed order failed, as a code (slippage, dex_error, timeout, max_deliveries): what
-- operators list failed orders by before replaying them. Set with the failed event, cleared when
-- the order is replayed. Orders that failed before this have none; the failure reason in words
-- stays in failure_reason. No index, as for status (V4): a listing by code walks the
-- newest-first index and filters, which the page size bounds.
ALTER TABLE orders ADD COLUMN failure_code VARCHAR(32);
