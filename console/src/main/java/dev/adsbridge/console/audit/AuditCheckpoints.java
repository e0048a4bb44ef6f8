package dev.adsbridge.console.audit;

import dev.adsbridge.console.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Anchors the audit chains outside the database. Every {@code checkpoint-interval} each tenant's chain head (last
 * position and hash) is appended, signed with HMAC-SHA256 under a key the database never sees, to
 * {@code <checkpoint-dir>/<tenant>.checkpoints}. Someone who can rewrite the tables (the owner role, a DBA) can recompute
 * every hash, but cannot forge a checkpoint: {@code verify-audit} then finds the chain no longer passing through a
 * checkpointed (position, hash), or shorter than one.
 *
 * <p>Line format: {@code v1 <seq> <hash> <ISO instant> <base64url HMAC>}, the HMAC over
 * {@code adsbridge-audit-checkpoint-v1\n<tenant>\n<seq>\n<hash>\n<instant>}. Off unless
 * {@code adsbridge.console.audit.checkpoint-dir} is set; the key ({@code checkpoint-key}, base64, at least 32 bytes) is
 * then required.
 */
@Component
public class AuditCheckpoints implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final String DOMAIN = "adsbridge-audit-checkpoint-v1";
    private static final String SUFFIX = ".checkpoints";

    /** One signed checkpoint line. */
    record Checkpoint(long seq, String hash, Instant at, String mac) {
    }

    private final AuditRepository repository;
    private final Clock clock;
    private final @Nullable Path directory;
    private final byte @Nullable [] key;
    private final Duration interval;
    private @Nullable ScheduledExecutorService timer;

    AuditCheckpoints(AuditRepository repository, Clock clock,
            @Value("${adsbridge.console.audit.checkpoint-dir:}") String directory,
            @Value("${adsbridge.console.audit.checkpoint-key:}") String key,
            @Value("${adsbridge.console.audit.checkpoint-interval:5m}") Duration interval) {
        this.repository = repository;
        this.clock = clock;
        this.interval = interval;
        if (directory.isBlank()) {
            this.directory = null;
            this.key = null;
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            decoded = new byte[0];
        }
        if (decoded.length < 32) {
            throw new IllegalStateException("adsbridge.console.audit.checkpoint-dir is set, so the audit checkpoints "
                    + "need a signing key: set adsbridge.console.audit.checkpoint-key (ADSBRIDGE_AUDIT_CHECKPOINT_KEY) "
                    + "to at least 32 random bytes, base64-encoded (e.g. openssl rand -base64 32)");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("adsbridge.console.audit.checkpoint-interval must be positive");
        }
        this.directory = Path.of(directory).toAbsolutePath();
        this.key = decoded;
    }

    public boolean enabled() {
        return directory != null;
    }

    /** Appends a checkpoint for every tenant whose chain moved since its last one; returns how many were written. */
    public int checkpointAll() {
        if (directory == null) {
            return 0;
        }
        int written = 0;
        try {
            Files.createDirectories(directory);
            for (TenantId tenant : repository.chainedTenants()) {
                if (checkpoint(tenant)) {
                    written++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit checkpoints to " + directory, e);
        }
        return written;
    }

    private boolean checkpoint(TenantId tenant) throws IOException {
        Optional<AuditRepository.Head> head = repository.head(tenant);
        if (head.isEmpty() || head.get().lastSeq() == 0) {
            return false;
        }
        List<Checkpoint> earlier = read(tenant);
        if (!earlier.isEmpty()) {
            Checkpoint last = earlier.get(earlier.size() - 1);
            if (last.seq() == head.get().lastSeq() && last.hash().equals(head.get().lastHash())) {
                return false;
            }
            // Never anchor a chain that no longer passes through the previous anchor: that is what verify-audit
            // reports, and a new checkpoint must not paper over it.
            if (!repository.hashAt(tenant, last.seq()).map(last.hash()::equals).orElse(false)) {
                log.error("Audit chain of tenant {} no longer matches its checkpoint at #{}: not checkpointing; run "
                        + "verify-audit", tenant, last.seq());
                return false;
            }
        }
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String line = "v1 " + head.get().lastSeq() + " " + head.get().lastHash() + " " + at + " "
                + mac(tenant, head.get().lastSeq(), head.get().lastHash(), at) + "\n";
        try (FileChannel file = FileChannel.open(file(tenant), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            file.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            file.force(true);
        }
        return true;
    }

    /** Tenants that have a checkpoint file. */
    List<TenantId> tenants() {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .flatMap(name -> {
                        try {
                            return java.util.stream.Stream.of(TenantId.of(name));
                        } catch (IllegalArgumentException e) {
                            return java.util.stream.Stream.empty();
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list audit checkpoints in " + directory, e);
        }
    }

    /**
     * Checks an intact chain against the tenant's checkpoints: every line's signature, and that the chain still holds
     * each checkpointed (position, hash).
     */
    ChainVerification check(ChainVerification intact) {
        if (directory == null || !intact.ok()) {
            return intact;
        }
        TenantId tenant = intact.tenant();
        List<Checkpoint> checkpoints;
        try {
            checkpoints = read(tenant);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoints of tenant " + tenant, e);
        }
        long line = 0;
        for (Checkpoint checkpoint : checkpoints) {
            line++;
            if (!MessageDigest.isEqual(checkpoint.mac().getBytes(StandardCharsets.US_ASCII),
                    mac(tenant, checkpoint.seq(), checkpoint.hash(), checkpoint.at()).getBytes(StandardCharsets.US_ASCII))) {
                return new ChainVerification(tenant, intact.rows(), checkpoint.seq(), null, "a valid signature",
                        "a bad one on line " + line, "a checkpoint's signature does not match (wrong key, or the "
                        + "checkpoint file was edited)");
            }
            if (checkpoint.seq() > intact.rows()) {
                return new ChainVerification(tenant, intact.rows(), checkpoint.seq(), null,
                        "#" + checkpoint.seq() + " " + checkpoint.hash(), intact.rows() + " rows",
                        "the chain is shorter than its checkpoint of " + checkpoint.at() + " (rows were removed)");
            }
            String actual = repository.hashAt(tenant, checkpoint.seq()).orElse("none");
            if (!actual.equals(checkpoint.hash())) {
                return new ChainVerification(tenant, intact.rows(), checkpoint.seq(), null, checkpoint.hash(), actual,
                        "the chain was rewritten: it no longer matches its checkpoint of " + checkpoint.at());
            }
        }
        return intact;
    }

    private List<Checkpoint> read(TenantId tenant) throws IOException {
        Path file = file(tenant);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] parts = line.strip().split(" ");
            if (line.isBlank()) {
                continue;
            }
            try {
                if (parts.length != 5 || !"v1".equals(parts[0])) {
                    throw new IllegalArgumentException("bad line");
                }
                checkpoints.add(new Checkpoint(Long.parseLong(parts[1]), parts[2], Instant.parse(parts[3]), parts[4]));
            } catch (RuntimeException e) {
                // Kept, with a signature that cannot match: a mangled line is reported, not skipped.
                checkpoints.add(new Checkpoint(0, "", Instant.EPOCH, "unreadable"));
            }
        }
        return checkpoints;
    }

    private Path file(TenantId tenant) {
        return directory.resolve(tenant + SUFFIX);
    }

    private String mac(TenantId tenant, long seq, String hash, Instant at) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = hmac.doFinal((DOMAIN + "\n" + tenant + "\n" + seq + "\n" + hash + "\n" + at)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    // ------------------------------------------------------------------ the periodic writer (console only)

    @Override
    public synchronized void start() {
        if (directory == null || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkpointQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Audit chain checkpoints every {} to {}", interval, directory);
    }

    private void checkpointQuietly() {
        try {
            checkpointAll();
        } catch (RuntimeException e) {
            log.error("Audit checkpoint failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public boolean isAutoStartup() {
        return true;
    }
}
