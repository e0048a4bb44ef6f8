/**
 * The AdsBridge console: the SaaS backend where a tenant signs up, invites teammates and connects Meta Ads accounts.
 *
 * <p>Each direct sub-package is a Spring Modulith business module whose root package is its API: {@code tenancy}
 * (tenants, members, roles, invitations), {@code identity} (sign-in, sessions, throttling), {@code connections}
 * ("Connect Facebook Ads", token lifecycle, Meta's callbacks), {@code vault} (token encryption), {@code ads} (ad-account
 * choice through the MCP server), {@code notifications} (in-app notices and mail) and {@code dashboard}. This package
 * holds what every module shares: the application, its typed configuration and a few value helpers.
 */
@NullMarked
package dev.adsbridge.console;

import org.jspecify.annotations.NullMarked;
