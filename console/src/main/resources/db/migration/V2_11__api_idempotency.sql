-- Idempotency keys of the REST API's creates: the first answer is kept for 24 hours and replayed for retries.
-- response_status is null while the first request is still running.
create table api_idempotency_keys (
    tenant_id       uuid          not null,
    idempotency_key varchar(255)  not null,
    request_hash    varchar(64)   not null,
    response_status int,
    response_body   text,
    created_at      timestamp with time zone not null,
    primary key (tenant_id, idempotency_key)
);
create index api_idempotency_keys_by_age on api_idempotency_keys (created_at);
