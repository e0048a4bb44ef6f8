-- Tenants, their members (one account per e-mail address) and invitations (stored by the hash of the link's secret).

create table tenants (
    id         uuid         primary key,
    name       varchar(200) not null,
    created_at timestamp with time zone not null
);

create table members (
    id            uuid         primary key,
    tenant_id     uuid         not null references tenants (id),
    email         varchar(320) not null,
    name          varchar(200) not null,
    password_hash varchar(200) not null,
    role          varchar(20)  not null,
    created_at    timestamp with time zone not null,
    constraint members_email_unique unique (email)
);
create index members_by_tenant on members (tenant_id);

create table invitations (
    id          uuid         primary key,
    tenant_id   uuid         not null references tenants (id),
    email       varchar(320) not null,
    role        varchar(20)  not null,
    secret_hash varchar(64)  not null,
    invited_by  uuid         not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    accepted_at timestamp with time zone,
    revoked_at  timestamp with time zone,
    constraint invitations_secret_unique unique (secret_hash)
);
create index invitations_by_tenant on invitations (tenant_id);
