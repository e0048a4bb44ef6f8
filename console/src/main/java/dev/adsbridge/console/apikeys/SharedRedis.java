package dev.adsbridge.console.apikeys;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The console's one Redis connection (rate limits, Meta usage), behind a circuit breaker so that a Redis outage costs
 * at most one short timeout: connect, handshake and every command time out after {@code redis-timeout} (300 ms by
 * default; Lettuce's own default is 60 s). After a failure Redis is skipped for {@code redis-retry-after} (10 s) and
 * callers fall back to PostgreSQL (still shared by every replica; in memory on H2); the first call after that tries Redis again, and a success
 * closes the circuit. Nothing is connected at startup, so the console starts while Redis is down.
 */
@Component
public class SharedRedis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

    private final @Nullable RedisClient client;
    private final Duration retryAfter;
    private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;
    private volatile long skipUntilNanos;
    private volatile boolean down;

    public SharedRedis(RateLimitProperties properties) {
        this.retryAfter = properties.redisRetryAfter();
        if (properties.redisUrl() == null) {
            client = null;
            return;
        }
        RedisURI uri = RedisURI.create(properties.redisUrl());
        uri.setTimeout(properties.redisTimeout()); // the handshake and the default command timeout
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(properties.redisTimeout()).build())
                // Async commands (Bucket4j's) time out too, not only the synchronous API.
                .timeoutOptions(TimeoutOptions.enabled(properties.redisTimeout()))
                // While reconnecting, fail at once instead of queueing commands until Redis returns.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .build());
    }

    /** Whether a Redis URL is configured (whether or not Redis is reachable right now). */
    public boolean configured() {
        return client != null;
    }

    /**
     * Runs {@code action} against Redis, or answers empty (and the caller uses its local state) when Redis is not
     * configured, is being skipped after a recent failure, or fails now.
     */
    public <T> Optional<T> call(String what, Function<StatefulRedisConnection<byte[], byte[]>, T> action) {
        if (client == null || System.nanoTime() - skipUntilNanos < 0) {
            return Optional.empty();
        }
        try {
            T result = action.apply(connection());
            if (down) {
                down = false;
                log.info("Redis is reachable again: shared rate limits and Meta usage are back");
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            failed(what, e);
            return Optional.empty();
        }
    }

    /** The live connection, opened on first use (within the timeout) and reconnected by Lettuce after that. */
    public StatefulRedisConnection<byte[], byte[]> connection() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                connection = client.connect(ByteArrayCodec.INSTANCE);
            }
            return connection;
        }
    }

    /** Opens the circuit: callers skip Redis until {@code redis-retry-after} has passed. */
    public void failed(String what, Throwable e) {
        skipUntilNanos = System.nanoTime() + retryAfter.toNanos();
        if (!down) {
            down = true;
            log.warn("Redis unavailable ({}: {}); rate limits and Meta usage go through the database for the next {}", what,
                    e.getClass().getSimpleName(), retryAfter);
        }
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
