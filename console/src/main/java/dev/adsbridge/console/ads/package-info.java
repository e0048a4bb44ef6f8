/**
 * Ad accounts: which of a connection's Meta ad accounts the tenant uses. The list comes from the Meta Ads MCP server's
 * {@code get_ad_accounts} tool, called over HTTP with the tenant's token as Bearer (the same path the console uses for
 * everything Meta, from laptop to production). An auth error from the server marks the connection for reconnect.
 *
 * <p>Operating the accounts is split by capability: {@link dev.adsbridge.console.ads.AdsReading} (lists, objects,
 * images), {@link dev.adsbridge.console.ads.AdsReporting} (key numbers, insights) and
 * {@link dev.adsbridge.console.ads.AdsWriting} (creates, status and budget changes with their guards), all through
 * {@link dev.adsbridge.console.ads.AdsGateway}. Refusals are {@link dev.adsbridge.console.ads.AdsException}s with a
 * domain {@code Problem}; the web layer ({@code ads.api}) alone decides HTTP statuses.
 */
@NullMarked
package dev.adsbridge.console.ads;

import org.jspecify.annotations.NullMarked;
