-- One counter per tenant, raised by every write the console (or an agent through it) makes to the tenant's ads. Each
-- replica's short-lived read cache keys its answers by the counter, so a write on one replica is seen by the reads
-- of every other at once instead of after the cache's time to live.

create table ads_read_generations (
    tenant_id  uuid   primary key,
    generation bigint not null
);
