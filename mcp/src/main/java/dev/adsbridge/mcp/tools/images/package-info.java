/**
 * Ad images as the tools handle them: {@link dev.adsbridge.mcp.tools.images.ImageFetcher} downloads image bytes
 * without becoming a way into the server's network (SSRF), {@link dev.adsbridge.meta.ImageTypes} (module vocabulary)
 * recognises the formats Meta accepts by their first bytes.
 */
package dev.adsbridge.mcp.tools.images;
