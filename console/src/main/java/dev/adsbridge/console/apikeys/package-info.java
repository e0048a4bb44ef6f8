/**
 * API access: tenant API keys ({@code Authorization: Bearer abk_…}, stored as SHA-256 hashes, scope read or
 * read_write), who calls the REST API ({@link dev.adsbridge.console.apikeys.ApiCaller}), its error envelope
 * ({@link dev.adsbridge.console.apikeys.ApiException}), request ids and rate limits per tenant and per caller.
 */
@NullMarked
package dev.adsbridge.console.apikeys;

import org.jspecify.annotations.NullMarked;
