-- How many sign-up mails (confirmation links, or the note to an address that already has an account) each address got
-- in its current window, so that repeated sign-ups cannot flood someone's inbox. One row per address, locked while it
-- is counted, so parallel sign-ups to one address count one after the other.

create table sign_up_mail_quota (
    email        varchar(320) primary key,
    window_start timestamp with time zone not null,
    mails        integer      not null
);
