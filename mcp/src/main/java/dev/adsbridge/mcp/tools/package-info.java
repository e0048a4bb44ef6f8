/**
 * The tools, one class of static factories per Marketing API area ({@code AccountTools}, {@code CampaignTools}, …),
 * all listed in {@link dev.adsbridge.mcp.tools.AllTools}. How to add a toolset: mcp/TOOLS.md and the AllTools javadoc.
 */
package dev.adsbridge.mcp.tools;
