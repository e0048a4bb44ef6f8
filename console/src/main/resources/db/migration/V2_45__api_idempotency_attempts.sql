-- Idempotency keys are recorded (committed) before Meta is called and keep the state of their attempts:
--   pending   an attempt owns the key (attempt_id) since attempt_started_at; a pending key older than the settle time
--             (adsbridge.console.idempotency.settle-after) lost its owner and is treated as uncertain;
--   succeeded the answer is kept in response_status/response_body and replayed;
--   failed    Meta refused or was never asked: nothing was created, a retry runs the create again;
--   uncertain the attempt may have reached Meta (timeout, connection lost, Meta 5xx): a retry first looks for the
--             object at Meta (created since created_at) and only creates when there is none once maybe_sent_at is
--             older than the settle time.
-- One column per statement, so that H2 (dev mode) runs it as PostgreSQL does.
alter table api_idempotency_keys add column state varchar(16) default 'succeeded' not null;
alter table api_idempotency_keys add constraint api_idempotency_keys_state
    check (state in ('pending', 'succeeded', 'failed', 'uncertain'));
alter table api_idempotency_keys add column attempt_id uuid;
alter table api_idempotency_keys add column attempt_started_at timestamp with time zone;
alter table api_idempotency_keys add column maybe_sent_at timestamp with time zone;
alter table api_idempotency_keys add column reconciled boolean default false not null;

update api_idempotency_keys set state = 'pending', attempt_started_at = created_at where response_status is null;
