package dev.adsbridge.mcp.inventory;

/**
 * A tool's behaviour hints, said once per tool. Pick the constant that tells the truth about the tool; filtering
 * (read-only mode) derives from {@link #readOnly()}.
 *
 * @param readOnly    the tool changes nothing anywhere
 * @param destructive the tool may overwrite or remove existing state (budgets, status, deletion)
 * @param idempotent  calling it again with the same arguments has no further effect
 * @param openWorld   the tool talks to an outside system (Meta), not only to local computation
 */
public record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** Reads Meta and changes nothing. */
    public static final Hints READ = new Hints(true, false, true, true);
    /** Creates a new object at Meta; calling twice creates two. */
    public static final Hints CREATE = new Hints(false, false, false, true);
    /** Changes an existing object at Meta (may pause, archive, delete or change money); repeating is harmless. */
    public static final Hints UPDATE = new Hints(false, true, true, true);
    /** Pure local computation; no Meta call, no token. */
    public static final Hints LOCAL = new Hints(true, false, true, false);

    public Hints {
        if (readOnly && destructive) {
            throw new IllegalArgumentException("a read-only tool cannot be destructive");
        }
    }
}
