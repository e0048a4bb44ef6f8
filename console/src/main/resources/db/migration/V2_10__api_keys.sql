-- Tenant API keys: only the SHA-256 of the key is kept, with a short prefix for people to recognise it.
create table api_keys (
    id           uuid         primary key,
    tenant_id    uuid         not null,
    name         varchar(200) not null,
    scope        varchar(20)  not null,
    prefix       varchar(20)  not null,
    key_hash     varchar(64)  not null,
    created_by   uuid         not null,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone,
    constraint api_keys_hash_unique unique (key_hash)
);
create index api_keys_by_tenant on api_keys (tenant_id, created_at);
