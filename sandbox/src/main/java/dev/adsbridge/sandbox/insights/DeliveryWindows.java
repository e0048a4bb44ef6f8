package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.objects.Hidden;
import dev.adsbridge.sandbox.objects.Times;
import dev.adsbridge.sandbox.store.Node;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When an ad delivered: the periods in which the ad, its ad set and its campaign were all ACTIVE and its account
 * was enabled, from the ad's created_time up to now, and never past its ad set's end_time or its campaign's
 * stop_time. A pause followed by a resume leaves a gap.
 *
 * <p>An object's periods come from its status changes in the account's activity log (API writes, the seeded history
 * of campaigns), starting from its status before the first change. A seeded object that is stopped without a logged
 * change (paused and archived ad sets and ads, disapproved ads) ran from its creation until a moment drawn from the
 * seed between its creation and the seeding day; a disabled account stopped everything 2–10 weeks before the seeding
 * day. PENDING_REVIEW and IN_PROCESS ads never delivered. Partial days count pro rata to the seconds covered.
 */
final class DeliveryWindows {

    private static final long OPEN = Long.MAX_VALUE;
    private static final Set<String> NOT_DELIVERING = Set.of("DISAPPROVED", "WITH_ISSUES");
    private static final Set<String> NEVER_DELIVERED = Set.of("PENDING_REVIEW", "IN_PROCESS");

    /** A moment and the bounds of its day in the account's zone. */
    record Anchor(long epoch, long day, long dayStart, long dayEnd) {

        static Anchor at(long epoch, ZoneId zone) {
            LocalDate date = Instant.ofEpochSecond(epoch).atZone(zone).toLocalDate();
            long start = date.atStartOfDay(zone).toEpochSecond();
            long end = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
            return new Anchor(epoch, date.toEpochDay(), start, end);
        }
    }

    /** One delivery period. */
    record Span(Anchor start, Anchor end) {
    }

    /** The delivery periods of an ad, oldest first and disjoint; {@code firstDay..lastDay} are the days touched. */
    static final class Window {

        /** {@link #covered} for a day entirely inside a period. */
        static final long WHOLE_DAY = -1;

        private final List<Span> spans;
        /** With one period, the days strictly inside it are whole: the common case, answered without a loop. */
        private final long wholeFrom;
        private final long wholeTo;

        Window(List<Span> spans) {
            this.spans = List.copyOf(spans);
            boolean single = spans.size() == 1;
            this.wholeFrom = single ? spans.get(0).start().day() + 1 : 1;
            this.wholeTo = single ? spans.get(0).end().day() - 1 : 0;
        }

        long firstDay() {
            return spans.get(0).start().day();
        }

        long lastDay() {
            return spans.get(spans.size() - 1).end().day();
        }

        /** Seconds of {@code day} inside the periods, or {@link #WHOLE_DAY}. */
        long covered(long day) {
            if (day >= wholeFrom && day <= wholeTo) {
                return WHOLE_DAY;
            }
            long seconds = 0;
            for (Span span : spans) {
                Anchor start = span.start();
                Anchor end = span.end();
                if (day < start.day() || day > end.day()) {
                    continue;
                }
                if (day > start.day() && day < end.day()) {
                    return WHOLE_DAY;
                }
                long dayStart = day == start.day() ? start.dayStart() : end.dayStart();
                long dayEnd = day == start.day() ? start.dayEnd() : end.dayEnd();
                seconds += Math.max(0, Math.min(dayEnd, end.epoch()) - Math.max(dayStart, start.epoch()));
            }
            return seconds;
        }

        /** Length of a day that {@link #covered} reported partly covered. */
        long daySeconds(long day) {
            for (Span span : spans) {
                if (span.start().day() == day) {
                    return span.start().dayEnd() - span.start().dayStart();
                }
                if (span.end().day() == day) {
                    return span.end().dayEnd() - span.end().dayStart();
                }
            }
            return 86_400;
        }
    }

    /**
     * An ad's periods before clipping at "now", valid while the nodes they come from are unchanged; the anchors of
     * their bounds are computed once (open ends have none).
     */
    record Periods(long key, long[] starts, long[] ends, Anchor[] startAnchors, Anchor[] endAnchors) {
    }

    private final long seed;
    /** Objects with a sequence up to this were seeded at start-up. */
    private final long seededUpTo;
    /** The moment the seeder treated as "now" (its histories end there). */
    private final long seededAt;
    private final StatusHistory history = new StatusHistory();
    private final Map<String, Long> parsedTimes = new ConcurrentHashMap<>();

    DeliveryWindows(long seed, long seededUpTo, long seededAt) {
        this.seed = seed;
        this.seededUpTo = seededUpTo;
        this.seededAt = seededAt;
    }

    /** Size of the account's activity log, to pass to {@link #windowOf} (read once per request). */
    int logSize(Node account) {
        return history.logSize(account);
    }

    /** The ad's delivery window up to {@code now}, or null when it never delivered. */
    Window windowOf(AdStates.AdState state, Node account, int logSize, Anchor now, ZoneId zone) {
        long key = ((state.ad.version() * 31 + version(state.adSet)) * 31 + version(state.campaign)) * 31
                + version(account);
        key = key * 31 + logSize;
        Periods cached = state.periods;
        if (cached == null || cached.key() != key) {
            cached = compute(state.ad, state.adSet, state.campaign, account, key, zone);
            state.periods = cached;
        }
        int n = cached.starts().length;
        if (n == 0) {
            return null;
        }
        List<Span> spans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = cached.starts()[i];
            if (start >= now.epoch()) {
                break;
            }
            long end = cached.ends()[i];
            Anchor last = end >= now.epoch() ? now : cached.endAnchors()[i];
            spans.add(new Span(cached.startAnchors()[i], last));
        }
        return spans.isEmpty() ? null : new Window(spans);
    }

    private static long version(Node node) {
        return node == null ? -1 : node.version();
    }

    private Periods compute(Node ad, Node adSet, Node campaign, Node account, long key, ZoneId zone) {
        long created = Times.createdEpoch(ad);
        if (created < 0 || NEVER_DELIVERED.contains(String.valueOf(ad.get(Hidden.DELIVERY)))) {
            return new Periods(key, new long[0], new long[0], new Anchor[0], new Anchor[0]);
        }
        List<long[]> spans = List.of(new long[]{created, OPEN});
        spans = intersect(spans, active(ad, account, !NOT_DELIVERING.contains(String.valueOf(ad.get(Hidden.DELIVERY)))));
        for (Node parent : new Node[]{adSet, campaign}) {
            if (parent != null) {
                spans = intersect(spans, active(parent, account, true));
            }
        }
        if (account != null) {
            String status = account.getString("account_status");
            if (status != null && !"1".equals(status) && !"9".equals(status)) {
                // A disabled account stopped delivering a few weeks before the seeding day (2 to 10 weeks).
                long weeks = 2 + Math.floorMod(SeededHash.combine(seed, SeededHash.of(account.id())), 9);
                spans = intersect(spans, List.of(new long[]{Long.MIN_VALUE, seededAt - weeks * 7 * 86_400}));
            }
        }
        long scheduled = Math.min(scheduledEnd(adSet, "end_time"), scheduledEnd(campaign, "stop_time"));
        spans = intersect(spans, List.of(new long[]{Long.MIN_VALUE, scheduled}));
        int n = spans.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        Anchor[] startAnchors = new Anchor[n];
        Anchor[] endAnchors = new Anchor[n];
        for (int i = 0; i < n; i++) {
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
            startAnchors[i] = Anchor.at(starts[i], zone);
            endAnchors[i] = ends[i] == OPEN ? null : Anchor.at(ends[i], zone);
        }
        return new Periods(key, starts, ends, startAnchors, endAnchors);
    }

    /**
     * The periods an object was ACTIVE: replayed from its logged status changes, starting from its status before
     * the first one (or its current status when none was logged).
     *
     * @param deliverable false when a delivery state (disapproval, issues) keeps the object from running
     */
    private List<long[]> active(Node node, Node account, boolean deliverable) {
        long created = Math.max(0, Times.createdEpoch(node));
        List<StatusHistory.Change> changes = history.changes(account, node.id());
        boolean activeNow = "ACTIVE".equals(node.getString("status")) && deliverable;
        if (changes.isEmpty()) {
            if (activeNow) {
                return List.of(new long[]{created, OPEN});
            }
            return node.sequence() <= seededUpTo ? List.of(new long[]{created, seededStop(node, created)}) : List.of();
        }
        List<long[]> spans = new ArrayList<>();
        boolean active = changes.get(0).activeBefore();
        long since = created;
        for (StatusHistory.Change change : changes) {
            if (active && !change.activeAfter()) {
                spans.add(new long[]{since, change.epoch()});
            } else if (!active && change.activeAfter()) {
                since = change.epoch();
            }
            active = change.activeAfter();
        }
        if (active && deliverable) {
            spans.add(new long[]{since, OPEN});
        } else if (active) {
            spans.add(new long[]{since, node.sequence() <= seededUpTo ? seededStop(node, since) : since});
        }
        return spans;
    }

    /** A seeded object stopped at some point of its life; the point derives from the seed and its id. */
    private long seededStop(Node node, long from) {
        double share = 0.15 + 0.7 * SeededHash.unit(SeededHash.combine(seed, SeededHash.of(node.id() + "/stop")));
        return from + (long) (Math.max(0, seededAt - from) * share);
    }

    private static List<long[]> intersect(List<long[]> a, List<long[]> b) {
        List<long[]> out = new ArrayList<>();
        for (long[] x : a) {
            for (long[] y : b) {
                long start = Math.max(x[0], y[0]);
                long end = Math.min(x[1], y[1]);
                if (end > start) {
                    out.add(new long[]{start, end});
                }
            }
        }
        out.sort((p, q) -> Long.compare(p[0], q[0]));
        return out;
    }

    private long scheduledEnd(Node node, String field) {
        if (node == null) {
            return OPEN;
        }
        Object value = node.get(field);
        if (value == null) {
            return OPEN;
        }
        Long epoch = parsedTimes.get(value.toString());
        if (epoch == null) {
            epoch = Times.epochOf(value);
            if (parsedTimes.size() < 100_000) {
                parsedTimes.put(value.toString(), epoch);
            }
        }
        return epoch < 0 ? OPEN : epoch;
    }
}
