/**
 * Tenants (a customer company), their members and roles, invitations and sign-up. API: {@link
 * dev.adsbridge.console.tenancy.Tenancy} (sign-up, member look-ups), {@link dev.adsbridge.console.tenancy.Team}
 * (invitations and roles), the ids and {@link dev.adsbridge.console.tenancy.Member}, the signed-in member every
 * controller receives.
 */
@NullMarked
package dev.adsbridge.console.tenancy;

import org.jspecify.annotations.NullMarked;
