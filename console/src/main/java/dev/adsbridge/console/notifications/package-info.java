/**
 * Notices for a tenant's members: in-app (the dashboard shows them) and, when SMTP is configured, mail to the owners.
 * Fed by the connections module's events: a token expiring soon, a connection that needs a reconnect.
 */
@NullMarked
package dev.adsbridge.console.notifications;

import org.jspecify.annotations.NullMarked;
