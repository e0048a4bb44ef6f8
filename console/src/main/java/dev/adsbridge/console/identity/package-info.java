/**
 * Sign-in: Spring Security configuration (form sign-in, database-backed sessions, CSRF), the signed-in principal,
 * sign-in throttling (per account and per address, counted in the database so it holds across replicas), and the
 * resolution of a controller's {@link dev.adsbridge.console.tenancy.Member} parameter from the session.
 */
@NullMarked
package dev.adsbridge.console.identity;

import org.jspecify.annotations.NullMarked;
