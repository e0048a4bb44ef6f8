-- Sign-ups waiting for their e-mail address to be confirmed. Sign-up answers every address alike ("check your inbox")
-- and mails a link; the tenant and its owner are created only when that link is used. The link's secret is stored as
-- its SHA-256 hash, like invitations'; the password is stored as the bcrypt hash the member will get (cleared on use).

create table sign_up_confirmations (
    id            uuid         primary key,
    email         varchar(320) not null,
    tenant_name   varchar(200) not null,
    member_name   varchar(200) not null,
    password_hash varchar(200) not null,
    secret_hash   varchar(64)  not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    used_at       timestamp with time zone,
    constraint sign_up_confirmations_secret_unique unique (secret_hash)
);
create index sign_up_confirmations_by_expiry on sign_up_confirmations (expires_at);
