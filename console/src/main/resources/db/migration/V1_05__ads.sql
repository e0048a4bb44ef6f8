-- The ad accounts each tenant uses, per connection (no foreign key: the ads module reacts to connection events).

create table chosen_ad_accounts (
    tenant_id     uuid         not null,
    connection_id uuid         not null,
    ad_account_id varchar(64)  not null,
    name          varchar(300) not null,
    currency      varchar(10),
    chosen_at     timestamp with time zone not null,
    chosen_by     uuid         not null,
    primary key (tenant_id, connection_id, ad_account_id)
);
