-- In-app notices per tenant.

create table notices (
    id           uuid          primary key,
    tenant_id    uuid          not null,
    kind         varchar(40)   not null,
    message      varchar(2000) not null,
    subject_id   uuid,
    created_at   timestamp with time zone not null,
    dismissed_at timestamp with time zone
);
create index notices_by_tenant on notices (tenant_id, dismissed_at);
