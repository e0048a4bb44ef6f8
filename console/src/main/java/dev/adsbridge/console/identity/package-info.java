/**
 * Sign-in: Spring Security configuration (form sign-in, database-backed sessions, CSRF), the signed-in principal,
 * sign-in throttling (per account and per address, each attempt reserved in the database before its password is
 * checked, so it holds across replicas and parallel bursts), audit entries for refused sign-ins and CSRF refusals, the
 * trusted reverse proxy's forwarded headers, the refusal of control characters in parameters, and the
 * resolution of a controller's {@link dev.adsbridge.console.tenancy.Member} parameter from the session.
 */
@NullMarked
package dev.adsbridge.console.identity;

import org.jspecify.annotations.NullMarked;
