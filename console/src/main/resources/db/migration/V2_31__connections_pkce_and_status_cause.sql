-- PKCE for the connect flow: each OAuth state row carries the flow's code verifier, sealed by the vault (bound to the
-- tenant and flow_id), erased when the state is used. Rows from before this migration have none and are refused.
alter table oauth_states add column flow_id uuid;
alter table oauth_states add column sealed_verifier bytea;

-- Why a connection left ACTIVE, so the settings page can say how to fix it: token_expired, refused_by_meta,
-- removed_on_facebook, disconnected (null for rows from before this migration).
alter table connections add column status_cause varchar(32);
