-- The audit log names what was acted on where the writer knows it (a campaign's name beside its id, a member's
-- e-mail), so people reading the log need not look ids up. Nullable: older rows have none, and their hashes (which
-- cover the name only when there is one, see AuditChain) stay valid. Adding a column updates no row, so the
-- append-only triggers do not object.
alter table audit_log add column target_name varchar(300);
