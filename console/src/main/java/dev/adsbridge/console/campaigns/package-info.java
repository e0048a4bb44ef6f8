/**
 * The pages for working with ads: the campaigns table, the campaign → ad sets → ads drill-down, insights and the
 * create flow. The controllers only render page shells (the chosen ad accounts, the ids in the address, and whether
 * the signed-in member may write); the data comes from the REST API ({@code /api/v1}) through the pages' scripts, so
 * the web UI and programs share one path.
 */
@NullMarked
package dev.adsbridge.console.campaigns;

import org.jspecify.annotations.NullMarked;
