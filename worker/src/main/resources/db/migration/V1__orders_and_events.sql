-- Orders and their event history. Standard SQL: the same script runs on H2 and PostgreSQL.
-- Times are epoch milliseconds (UTC): exact, portable and cheap to page by.

CREATE TABLE orders (
    id              VARCHAR(36)    NOT NULL PRIMARY KEY,
    client_order_id VARCHAR(64)    UNIQUE,
    token_in        VARCHAR(16)    NOT NULL,
    token_out       VARCHAR(16)    NOT NULL,
    amount          NUMERIC(30, 9) NOT NULL,
    slippage        NUMERIC(8, 4)  NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    last_seq        BIGINT         NOT NULL,
    progress        INT            NOT NULL DEFAULT 0,
    chosen_dex      VARCHAR(32),
    tx_signature    VARCHAR(128),
    amount_out      NUMERIC(40, 9),
    failure_reason  VARCHAR(1000),
    deliveries      INT            NOT NULL DEFAULT 0,
    created_ms      BIGINT         NOT NULL,
    updated_ms      BIGINT         NOT NULL
);

-- Newest first, optionally by status, with (created_ms, id) as the page cursor.
CREATE INDEX orders_by_created ON orders (created_ms DESC, id DESC);
CREATE INDEX orders_by_status_created ON orders (status, created_ms DESC, id DESC);

CREATE TABLE order_events (
    order_id   VARCHAR(36)   NOT NULL REFERENCES orders (id),
    seq        BIGINT        NOT NULL,
    status     VARCHAR(16)   NOT NULL,
    progress   INT           NOT NULL,
    message    VARCHAR(500)  NOT NULL,
    details    VARCHAR(8000) NOT NULL,
    created_ms BIGINT        NOT NULL,
    PRIMARY KEY (order_id, seq)
);
