/**
 * Ad accounts: which of a connection's Meta ad accounts the tenant uses. The list comes from the Meta Ads MCP server's
 * {@code get_ad_accounts} tool, called over HTTP with the tenant's token as Bearer (the same path the console uses for
 * everything Meta, from laptop to production). An auth error from the server marks the connection for reconnect.
 */
@NullMarked
package dev.adsbridge.console.ads;

import org.jspecify.annotations.NullMarked;
