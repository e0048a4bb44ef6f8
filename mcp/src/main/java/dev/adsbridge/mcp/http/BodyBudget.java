package dev.adsbridge.mcp.http;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many request-body bytes may be in flight at once. A JSON-RPC body is held several times over while it is read,
 * parsed, handed to the SDK and (for upload_ad_image) base64-decoded, so a handful of large bodies at once would run a
 * small heap out of memory; small requests are cheap and pass freely. A request reserves its declared length (the
 * size limit when it streams without one), waits up to {@link #WAIT_MILLIS} for room, and is otherwise refused (503,
 * retry). One request may always take the whole budget, so the largest accepted body still fits.
 */
final class BodyBudget {

    /** Bodies of at most this size need no reservation. */
    static final int FREE_BYTES = 64 * 1024;
    static final long WAIT_MILLIS = 5_000;
    /** The heap is shared with everything else; bodies in flight get this fraction of it. */
    static final int HEAP_SHARE_DIVISOR = 10;

    private final Semaphore kib;
    private final int capacityKib;

    BodyBudget(long capacityBytes) {
        this.capacityKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, capacityBytes / 1024));
        this.kib = new Semaphore(capacityKib, true);
    }

    /** A tenth of the heap, but never less than one largest body. */
    static BodyBudget forHeap(long maxHeapBytes, int maxRequestBytes) {
        return new BodyBudget(Math.max(maxHeapBytes / HEAP_SHARE_DIVISOR, maxRequestBytes));
    }

    /**
     * @return the permits taken (release them afterwards), 0 for a small body, or -1 when no room came free in time
     */
    int reserve(long bodyBytes) throws java.io.InterruptedIOException {
        if (bodyBytes <= FREE_BYTES) {
            return 0;
        }
        int permits = (int) Math.min(capacityKib, (bodyBytes + 1023) / 1024);
        try {
            return kib.tryAcquire(permits, WAIT_MILLIS, TimeUnit.MILLISECONDS) ? permits : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for memory for the request body");
        }
    }

    void release(int permits) {
        if (permits > 0) {
            kib.release(permits);
        }
    }

    int availableKib() {
        return kib.availablePermits();
    }
}
