-- Async insights reports a tenant started (Meta's report runs): whose they are, where they run and what they ask,
-- so progress, rows and CSV are only ever read by the tenant that started them.
create table insights_reports (
    id             uuid          primary key,
    tenant_id      uuid          not null,
    connection_id  uuid          not null,
    ad_account_id  varchar(64)   not null,
    object_id      varchar(64)   not null,
    report_run_id  varchar(64)   not null,
    level          varchar(16)   not null,
    breakdowns     varchar(255),
    created_at     timestamp with time zone not null
);
create index insights_reports_by_tenant on insights_reports (tenant_id, created_at);
