-- Meta connections. The token is stored only sealed by the vault (sealed_token: SealedToken.toBytes(), envelope
-- ciphertext bound to tenant and connection); it is null once the connection is revoked.

create table connections (
    id                     uuid          primary key,
    tenant_id              uuid          not null references tenants (id),
    meta_app_id            varchar(64)   not null,
    facebook_user_id       varchar(64)   not null,
    facebook_user_name     varchar(200),
    sealed_token           bytea,
    kek_provider           varchar(64),
    key_version            int,
    scopes                 varchar(2000) not null,
    status                 varchar(20)   not null,
    status_reason          varchar(1000),
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    expires_at             timestamp with time zone,
    data_access_expires_at timestamp with time zone,
    last_successful_use    timestamp with time zone,
    expiry_warned_for      timestamp with time zone,
    constraint connections_one_per_facebook_user unique (tenant_id, meta_app_id, facebook_user_id)
);
create index connections_by_facebook_user on connections (meta_app_id, facebook_user_id);
create index connections_by_expiry on connections (status, expires_at);
create index connections_by_key_version on connections (kek_provider, key_version);

-- OAuth state: SHA-256 of the random value, single-use, ten minutes, bound to member and tenant.
create table oauth_states (
    state_hash    varchar(64) primary key,
    tenant_id     uuid        not null,
    member_id     uuid        not null,
    connection_id uuid,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    used_at       timestamp with time zone
);
create index oauth_states_by_expiry on oauth_states (expires_at);

-- Meta data-deletion requests: only the confirmation code and the outcome; nothing about the user is kept.
create table data_deletion_requests (
    confirmation_code  varchar(64) primary key,
    requested_at       timestamp with time zone not null,
    completed_at       timestamp with time zone,
    connections_erased int         not null
);
