/**
 * The audit log: an append-only, hash-chained record (per tenant) of every write and connection or team change, with
 * actor, target, before/after, outcome, request id and client IP.
 *
 * <p>API: publish an {@link dev.adsbridge.console.audit.AuditEvent} (any module, in or outside a transaction); read
 * with {@link dev.adsbridge.console.audit.AuditLog} (search, CSV export, chain verification) and the CLI entry point
 * {@link dev.adsbridge.console.audit.AuditVerifyCommand}. The module also listens to the connections and tenancy
 * events and records them.
 */
@NullMarked
package dev.adsbridge.console.audit;

import org.jspecify.annotations.NullMarked;
