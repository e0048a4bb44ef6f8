/**
 * Insights: {@code GET /{act|campaign|adset|ad}/insights}, async report runs, and the deterministic delivery model
 * behind them (docs/meta-graph-api.md, "Insights").
 *
 * <h2>Delivery model</h2>
 * <ul>
 *   <li>Per (ad, day) the {@link dev.adsbridge.sandbox.insights.DeliveryModel} draws impressions, reach, clicks, link
 *       clicks, spend (account minor units), landing-page views, reactions, video views, add-to-cart, checkouts and
 *       the objective's result (purchases + value, leads, app installs) from (seed, ad id, date). An ad's volume is its
 *       share of its ad set's (or campaign's) daily budget at its CPM, with weekday/month seasonality, a learning ramp,
 *       creative fatigue and noise; every funnel step is bounded by the one before.</li>
 *   <li>When an ad delivered ({@link dev.adsbridge.sandbox.insights.DeliveryWindows}): while the ad, its ad set and
 *       its campaign were ACTIVE (status changes replayed from the account's activity log; seeded objects stopped
 *       without a log entry stopped at a seeded moment), from created_time to now, within end_time/stop_time.
 *       PENDING_REVIEW ads never delivered; partial days (creation, pause, today) count pro rata.</li>
 *   <li>Reach: one ad over a range is {@code max daily + (sum daily − max daily) × keep} (keep 28–60 % per ad), so it
 *       lies between the peak day and the sum of days; rows over several ads take max(largest ad, 92 % of the sum).
 *       frequency = impressions / reach of the same row; unique_clicks ≤ min(clicks, reach).</li>
 * </ul>
 *
 * <h2>Breakdowns</h2>
 * Every (ad, day) is split exactly, in integers, down a per-ad-set tree (age → gender, country → region → dma,
 * publisher_platform → platform_position → impression_device, device_platform derived) shaped by the ad set's
 * targeting. So breakdown rows add up exactly to the unbroken row, marginals agree (age = Σ age×gender), daily
 * breakdown rows add up to the range's, and campaign rows to the account's. A row's reach is shared among its
 * breakdown rows in proportion to their daily reach, so it adds up too. frequency_value is no split of delivery: it
 * divides each finished row's reach and impressions into exposure buckets ({@link
 * dev.adsbridge.sandbox.insights.FrequencyBuckets}).
 *
 * <h2>Action breakdowns</h2>
 * They split the entries of the action lists, never the rows ({@link dev.adsbridge.sandbox.insights.ActionBreakdown}).
 * action_device adds the impression device to the cells as a hidden level, and action_target_id / action_destination
 * and the carousel card add the ad's Page or creative; a row merges the cells that share its breakdown values and keeps
 * them as parts, so a device's actions in the unbroken row equal that impression_device row's actions exactly.
 * Reactions, video types and sound are seeded shares of the row's count.
 *
 * <h2>Limits and speed</h2>
 * A synchronous request estimated above 50,000 rows or 25 M units of split work fails with Meta's HTTP 500 code 1
 * "Please reduce the amount of data…"; async reports allow 1 M rows. Series are generated once per ad and extended
 * day by day (~5 MB per 100,000 ad-days); answers are cached per (object, query, second) and invalidated by any
 * change to the nodes involved ({@link dev.adsbridge.sandbox.store.Node#version()}); only the current second's answers
 * are kept, at most 100,000 rows of them.
 */
package dev.adsbridge.sandbox.insights;
