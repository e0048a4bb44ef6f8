-- Sign-in attempts whose password is being checked right now, per account: a successful sign-in forgives the
-- account's earlier failures only when no other attempt is in flight (a person signing in), never during a burst.
alter table sign_in_failures add column in_flight integer not null default 0;
