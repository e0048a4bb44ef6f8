/**
 * The tools, one class of static factories per Marketing API area ({@code AccountTools}, {@code CampaignTools}, …),
 * all listed in {@link dev.adsbridge.mcp.tools.AllTools}, plus what several of them share: {@code Common} (argument
 * descriptions, readers and result shapes), {@code Budget}, {@code BidStrategies} and {@code Money}. How to add a
 * toolset: mcp/TOOLS.md and the AllTools javadoc.
 */
package dev.adsbridge.mcp.tools;
