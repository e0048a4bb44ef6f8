/** Prometheus metrics of the MCP server (Micrometer), labelled only from closed sets. */
package dev.adsbridge.mcp.metrics;
