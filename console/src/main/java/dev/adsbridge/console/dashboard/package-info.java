/**
 * The dashboard: a read-only page over the other modules' APIs — connection status with the reconnect banner, the
 * "Connect Facebook Ads" button, the ad accounts in use, and notices.
 */
@NullMarked
package dev.adsbridge.console.dashboard;

import org.jspecify.annotations.NullMarked;
