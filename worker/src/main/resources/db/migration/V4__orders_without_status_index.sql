-- Every step of an execution updates its order's status. With status in an index, each of those
-- updates also rewrites every index of the table (H2 always does; PostgreSQL cannot make it a
-- heap-only update). Listing by status now walks the newest-first index and filters, which the
-- page size bounds; the steps, a thousand times more frequent, stay cheap.
DROP INDEX orders_by_status_created;
