/**
 * Running the console as replicas behind a load balancer: the readiness checks of its dependencies (PostgreSQL by
 * Spring Boot's own {@code db} check, Redis and the MCP server here), reported through the actuator's
 * {@code readiness} health group; liveness says only that the process works.
 */
@NullMarked
package dev.adsbridge.console.operations;

import org.jspecify.annotations.NullMarked;
