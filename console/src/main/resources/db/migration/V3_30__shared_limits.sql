-- Rate limits and Meta's usage back-off shared across replicas in PostgreSQL while Redis is not configured or down
-- (apikeys/DatabaseBuckets, ads/MetaUsageRepository). Rows expire; a scheduled task deletes expired ones.

-- Bucket4j's PostgreSQL proxy manager: one token bucket per key ("t:<tenant>", "c:<caller>").
create table rate_limit_buckets (
    id         varchar(200) not null,
    state      bytea,
    expires_at bigint,
    constraint rate_limit_buckets_pk primary key (id)
);
create index rate_limit_buckets_expires_idx on rate_limit_buckets (expires_at);

-- The latest high usage reading per ad account ("app" for the app-wide one) while Meta's limit is near.
create table meta_usage (
    usage_key varchar(100)     not null,
    percent   double precision not null,
    reset_at  timestamp with time zone not null,
    constraint meta_usage_pk primary key (usage_key)
);
