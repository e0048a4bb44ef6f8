-- Failed sign-ins per account ("account:<email>") and per client address ("address:<ip>"), shared by all replicas.

create table sign_in_failures (
    subject         varchar(400) primary key,
    failures        int          not null,
    last_failure_at timestamp with time zone not null,
    locked_until    timestamp with time zone
);
