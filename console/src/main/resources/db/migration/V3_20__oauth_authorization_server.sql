-- The console as the OAuth 2.1 authorization server of its /mcp endpoint (agents.oauth): Spring Authorization
-- Server's JDBC tables, with 'text' for its blob columns (PostgreSQL has no blob; H2 reads text as a CLOB, which the
-- JDBC services handle) and time zones on instants. client_id and redirect_uris are longer than Spring's defaults:
-- a client ID metadata document's client_id is its https URL.
create table oauth2_registered_client (
    id                            varchar(100)  not null,
    client_id                     varchar(1000) not null,
    client_id_issued_at           timestamp with time zone default current_timestamp not null,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamp with time zone,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(4000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null,
    primary key (id)
);
create unique index oauth2_registered_client_by_client_id on oauth2_registered_client (client_id);

create table oauth2_authorization (
    id                            varchar(100)  not null,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamp with time zone,
    access_token_expires_at       timestamp with time zone,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamp with time zone,
    oidc_id_token_expires_at      timestamp with time zone,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamp with time zone,
    refresh_token_expires_at      timestamp with time zone,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamp with time zone,
    user_code_expires_at          timestamp with time zone,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamp with time zone,
    device_code_expires_at        timestamp with time zone,
    device_code_metadata          text,
    primary key (id)
);
create index oauth2_authorization_by_state on oauth2_authorization (state);


-- What a member granted an agent on the consent screen: the tenant and member it acts for, the scopes and the ad
-- accounts. One row per authorization (the same row across refreshes); revoking removes the authorization's tokens
-- and marks the row.
create table agent_grants (
    authorization_id varchar(100)  primary key,
    tenant_id        uuid          not null,
    member_id        uuid          not null,
    client_id        varchar(1000) not null,
    client_name      varchar(200)  not null,
    redirect_host    varchar(300)  not null,
    scopes           varchar(200)  not null,
    ad_accounts      varchar(4000) not null,
    granted_at       timestamp with time zone not null,
    activated_at     timestamp with time zone,
    last_used_at     timestamp with time zone,
    revoked_at       timestamp with time zone
);
create index agent_grants_by_tenant on agent_grants (tenant_id, granted_at);
