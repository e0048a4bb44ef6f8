-- Spending limits an owner sets per tenant (ad_account_id '*': every chosen ad account in that currency) or per ad
-- account. Amounts are per day, in the currency's minor units (cents; whole units for JPY, KRW, …); null = the
-- default (see console/README.md, "Spending limits").
create table spend_guards (
    tenant_id           uuid        not null,
    ad_account_id       varchar(64) not null,
    currency            varchar(10) not null,
    confirm_above_minor bigint,
    hard_cap_minor      bigint,
    updated_at          timestamp with time zone not null,
    updated_by          uuid        not null,
    primary key (tenant_id, ad_account_id),
    constraint spend_guards_positive check ((confirm_above_minor is null or confirm_above_minor > 0)
        and (hard_cap_minor is null or hard_cap_minor > 0)),
    constraint spend_guards_order check (confirm_above_minor is null or hard_cap_minor is null
        or confirm_above_minor <= hard_cap_minor)
);
