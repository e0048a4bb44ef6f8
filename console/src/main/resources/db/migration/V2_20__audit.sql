-- The audit log: append-only, one hash chain per tenant. Each row's hash is SHA-256 over its canonical fields and the
-- previous row's hash (AuditChain); the first row of a tenant links to a fixed genesis value. The chain head (one row
-- per tenant) is locked with SELECT ... FOR UPDATE for every append, so appends from any replica are serialized per
-- tenant and the chain never forks. UPDATE and DELETE are rejected by a trigger (V2_21, a Java migration).

create sequence audit_log_ids;

create table audit_chain_heads (
    tenant_id uuid        primary key,
    last_seq  bigint      not null,
    last_hash varchar(64) not null
);

create table audit_log (
    id          bigint        primary key,
    tenant_id   uuid          not null,
    seq         bigint        not null,
    at          timestamp with time zone not null,
    actor       varchar(320)  not null,
    action      varchar(100)  not null,
    target_type varchar(100)  not null,
    target_id   varchar(300)  not null,
    before_json text,
    after_json  text,
    outcome     varchar(10)   not null,
    request_id  varchar(100),
    client_ip   varchar(64),
    prev_hash   varchar(64)   not null,
    hash        varchar(64)   not null,
    constraint audit_log_chain_position unique (tenant_id, seq)
);
create index audit_log_by_tenant_at on audit_log (tenant_id, at);
