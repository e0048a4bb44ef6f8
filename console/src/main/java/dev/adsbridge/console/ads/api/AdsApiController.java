package dev.adsbridge.console.ads.api;

import dev.adsbridge.console.ads.AdsCaller;
import dev.adsbridge.console.ads.AdsReading;
import dev.adsbridge.console.ads.AdsReporting;
import dev.adsbridge.console.ads.AdsException;
import dev.adsbridge.console.ads.AdsWriting;
import dev.adsbridge.console.ads.CampaignOperations;
import dev.adsbridge.console.ads.InsightsCsv;
import dev.adsbridge.console.ads.InsightsReports;
import dev.adsbridge.console.ads.CreateReconciliation;
import dev.adsbridge.console.ads.ObjectKind;
import dev.adsbridge.console.ads.Idempotency;
import dev.adsbridge.console.ads.InsightsQuery;
import dev.adsbridge.console.apikeys.ApiCaller;
import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.apikeys.ApiRateLimits;
import dev.adsbridge.meta.Hashes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1}: the tenant's ad accounts, campaigns, ad sets, ads, creatives, images and insights (console/API.md). */
@RestController
@Tag(name = "Ads", description = "Read and operate the tenant's chosen Meta ad accounts")
class AdsApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_TYPE = MediaType.APPLICATION_JSON_VALUE;

    private final AdsReading reading;
    private final AdsReporting reporting;
    private final AdsWriting writing;
    private final Idempotency idempotency;
    private final InsightsReports reports;
    private final ApiRateLimits rateLimits;
    private final CampaignOperations operations;
    private final CreateReconciliation reconciliation;

    AdsApiController(AdsReading reading, AdsReporting reporting, AdsWriting writing, Idempotency idempotency,
            InsightsReports reports, ApiRateLimits rateLimits, CampaignOperations operations,
            CreateReconciliation reconciliation) {
        this.reports = reports;
        this.rateLimits = rateLimits;
        this.operations = operations;
        this.reconciliation = reconciliation;
        this.reading = reading;
        this.reporting = reporting;
        this.writing = writing;
        this.idempotency = idempotency;
    }

    // ------------------------------------------------------------------------------------------------ reads

    @GetMapping("/api/v1/connection")
    @Operation(summary = "The tenant's Facebook connection: status, permissions, expiry, chosen ad accounts")
    Map<String, Object> connection(ApiCaller caller) {
        return reading.connection(caller.tenant());
    }

    @GetMapping("/api/v1/ad-accounts")
    @Operation(summary = "The tenant's chosen ad accounts")
    Map<String, Object> adAccounts(ApiCaller caller) {
        return reading.adAccounts(ads(caller));
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/summary")
    @Operation(summary = "Key numbers for a date preset and the period before it")
    AdsReporting.Summary summary(ApiCaller caller, @PathVariable String accountId,
            @RequestParam(name = "date_preset", defaultValue = "last_7d") String datePreset) {
        return reporting.summary(ads(caller), accountId, datePreset);
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/campaigns")
    @Operation(summary = "Campaigns of an ad account with spend and results for the preset, paged")
    Map<String, Object> campaigns(ApiCaller caller, @PathVariable String accountId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String objective,
            @RequestParam(defaultValue = "25") int limit, @RequestParam(required = false) @Nullable String after,
            @RequestParam(name = "date_preset", defaultValue = "last_7d") String datePreset) {
        return reading.campaigns(ads(caller), accountId, status, objective, limit(limit), after, datePreset);
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/pages")
    @Operation(summary = "The Facebook Pages the account's ads can run for (for a creative's page_id)")
    Map<String, Object> pages(ApiCaller caller, @PathVariable String accountId) {
        return reading.pages(ads(caller), accountId);
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/pixels")
    @Operation(summary = "The account's Meta pixels, with when each last fired (for a conversion ad set's pixel_id)")
    Map<String, Object> pixels(ApiCaller caller, @PathVariable String accountId) {
        return reading.pixels(ads(caller), accountId);
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/instagram-accounts")
    @Operation(summary = "The Instagram accounts the account's ads can run as (for a creative's instagram_user_id)")
    Map<String, Object> instagramAccounts(ApiCaller caller, @PathVariable String accountId) {
        return reading.instagramAccounts(ads(caller), accountId);
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/targeting/interests")
    @Operation(summary = "Interest targeting options matching a keyword, with audience sizes")
    Map<String, Object> interests(ApiCaller caller, @PathVariable String accountId,
            @RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 50) {
            throw ApiException.validation("limit", "Between 1 and 50.");
        }
        return reading.interests(ads(caller), accountId, query, limit);
    }

    @GetMapping("/api/v1/campaigns/{id}")
    @Operation(summary = "One campaign")
    JsonNode campaign(ApiCaller caller, @PathVariable String id) {
        return reading.object(ads(caller), ObjectKind.CAMPAIGN, id);
    }

    @GetMapping("/api/v1/adsets/{id}")
    @Operation(summary = "One ad set")
    JsonNode adSet(ApiCaller caller, @PathVariable String id) {
        return reading.object(ads(caller), ObjectKind.ADSET, id);
    }

    @GetMapping("/api/v1/ads/{id}")
    @Operation(summary = "One ad")
    JsonNode ad(ApiCaller caller, @PathVariable String id) {
        return reading.object(ads(caller), ObjectKind.AD, id);
    }

    @GetMapping("/api/v1/creatives/{id}")
    @Operation(summary = "One creative")
    JsonNode creative(ApiCaller caller, @PathVariable String id) {
        return reading.object(ads(caller), ObjectKind.CREATIVE, id);
    }

    @GetMapping("/api/v1/campaigns/{id}/adsets")
    @Operation(summary = "A campaign's ad sets, paged; with date_preset their spend, results and cost per result")
    Map<String, Object> adSetsOf(ApiCaller caller, @PathVariable String id,
            @RequestParam(defaultValue = "25") int limit, @RequestParam(required = false) @Nullable String after,
            @RequestParam(name = "date_preset", required = false) @Nullable String datePreset) {
        return reading.children(ads(caller), ObjectKind.CAMPAIGN, id, limit(limit), after, datePreset);
    }

    @GetMapping("/api/v1/adsets/{id}/ads")
    @Operation(summary = "An ad set's ads, paged; with date_preset their spend, results and cost per result")
    Map<String, Object> adsOf(ApiCaller caller, @PathVariable String id,
            @RequestParam(defaultValue = "25") int limit, @RequestParam(required = false) @Nullable String after,
            @RequestParam(name = "date_preset", required = false) @Nullable String datePreset) {
        return reading.children(ads(caller), ObjectKind.ADSET, id, limit(limit), after, datePreset);
    }

    @GetMapping("/api/v1/ads/{id}/creatives")
    @Operation(summary = "An ad's creatives")
    Map<String, Object> creativesOf(ApiCaller caller, @PathVariable String id) {
        return reading.children(ads(caller), ObjectKind.AD, id, 25, null, null);
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/images")
    @Operation(summary = "Where the previews of up to 50 image hashes are (one Graph call): {hash: image URL of this "
            + "API}; hashes the account's library does not hold are left out")
    Map<String, String> imageUrls(ApiCaller caller, @PathVariable String accountId,
            @RequestParam(defaultValue = "") String hashes) {
        return reading.imageUrls(ads(caller), accountId, List.of(hashes.split(",")));
    }

    @GetMapping("/api/v1/ad-accounts/{accountId}/images/{hash}")
    @Operation(summary = "An image of the account's library (bytes), for creative previews")
    ResponseEntity<byte[]> image(ApiCaller caller, @PathVariable String accountId, @PathVariable String hash) {
        AdsReading.Image image = reading.image(ads(caller), accountId, hash);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.contentType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(image.bytes());
    }

    @GetMapping("/api/v1/insights")
    @Operation(summary = "Insights rows (all of them, or complete=false with the reason), Meta's totals, and "
            + "optionally the previous period of equal length")
    AdsReporting.Answer insights(ApiCaller caller, @RequestParam(name = "object_id") String objectId,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(name = "date_preset", required = false) @Nullable String datePreset,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(name = "time_increment", required = false) @Nullable String timeIncrement,
            @RequestParam(required = false) @Nullable String breakdowns,
            @RequestParam(required = false) @Nullable String compare,
            @RequestParam(defaultValue = "true") boolean totals) {
        return reporting.insights(ads(caller), new InsightsQuery(objectId, level, datePreset, since, until,
                timeIncrement, breakdowns, "previous".equals(compare), totals));
    }

    @GetMapping(value = "/api/v1/insights.csv", produces = "text/csv")
    @Operation(summary = "Every row of the same insights as CSV, streamed (large ones run as a report first)")
    void insightsCsv(ApiCaller caller, HttpServletResponse response,
            @RequestParam(name = "object_id") String objectId,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(name = "date_preset", required = false) @Nullable String datePreset,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(name = "time_increment", required = false) @Nullable String timeIncrement,
            @RequestParam(required = false) @Nullable String breakdowns) throws IOException {
        InsightsQuery query = new InsightsQuery(objectId, level, datePreset, since, until, timeIncrement, breakdowns,
                false, false);
        stream(response, "insights-" + objectId.replaceAll("[^A-Za-z0-9_]", ""), reports.export(ads(caller), query));
    }

    @PostMapping("/api/v1/insights/reports")
    @Operation(summary = "Start a large insights report (Meta's async report run) → {report_id, status, percent}")
    ResponseEntity<InsightsReports.Status> startReport(ApiCaller caller, @RequestBody InsightsReports.Request body) {
        InsightsReports.Status status = reports.start(ads(caller), body.query());
        return ResponseEntity.accepted().header(HttpHeaders.LOCATION, "/api/v1/insights/reports/" + status.reportId())
                .body(status);
    }

    @GetMapping("/api/v1/insights/reports/{id}")
    @Operation(summary = "A report's progress: running (percent), completed or failed")
    InsightsReports.Status report(ApiCaller caller, @PathVariable String id) {
        return reports.progress(ads(caller), reportId(id));
    }

    @GetMapping("/api/v1/insights/reports/{id}/rows")
    @Operation(summary = "A completed report's rows, paged with next_cursor")
    InsightsReports.RowsPage reportRows(ApiCaller caller, @PathVariable String id,
            @RequestParam(defaultValue = "500") int limit, @RequestParam(required = false) @Nullable String after) {
        return reports.rows(ads(caller), reportId(id), limit(limit), after);
    }

    @GetMapping(value = "/api/v1/insights/reports/{id}.csv", produces = "text/csv")
    @Operation(summary = "Every row of a completed report as CSV, streamed")
    void reportCsv(ApiCaller caller, HttpServletResponse response, @PathVariable String id) throws IOException {
        UUID report = reportId(id);
        stream(response, "insights-report-" + report, reports.csv(ads(caller), report));
    }

    // ------------------------------------------------------------------------------------------------ writes

    @PostMapping("/api/v1/ad-accounts/{accountId}/campaigns")
    @Operation(summary = "Create a campaign (PAUSED unless status says otherwise; ACTIVE needs confirm)")
    ResponseEntity<String> createCampaign(ApiCaller caller, @PathVariable String accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody WriteRequests.CreateCampaign request) {
        Map<String, Object> body = WriteRequests.fields(request);
        return createOnce(caller, key, "campaigns " + accountId, ObjectKind.CAMPAIGN, accountId, body);
    }

    @PostMapping("/api/v1/ad-accounts/{accountId}/adsets")
    @Operation(summary = "Create an ad set (PAUSED unless status says otherwise; ACTIVE needs confirm)")
    ResponseEntity<String> createAdSet(ApiCaller caller, @PathVariable String accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody WriteRequests.CreateAdSet request) {
        Map<String, Object> body = WriteRequests.fields(request);
        return createOnce(caller, key, "adsets " + accountId, ObjectKind.ADSET, accountId, body);
    }

    @PostMapping("/api/v1/ad-accounts/{accountId}/ads")
    @Operation(summary = "Create an ad (PAUSED unless status says otherwise; ACTIVE needs confirm)")
    ResponseEntity<String> createAd(ApiCaller caller, @PathVariable String accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody WriteRequests.CreateAd request) {
        Map<String, Object> body = WriteRequests.fields(request);
        return createOnce(caller, key, "ads " + accountId, ObjectKind.AD, accountId, body);
    }

    @PostMapping("/api/v1/ad-accounts/{accountId}/creatives")
    @Operation(summary = "Create a creative from an uploaded image")
    ResponseEntity<String> createCreative(ApiCaller caller, @PathVariable String accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody WriteRequests.CreateCreative request) {
        Map<String, Object> body = WriteRequests.fields(request);
        return createOnce(caller, key, "creatives " + accountId, ObjectKind.CREATIVE, accountId, body);
    }

    @PostMapping(value = "/api/v1/ad-accounts/{accountId}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an image (multipart 'file') → {hash, url}")
    ResponseEntity<String> uploadImage(ApiCaller caller, @PathVariable String accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestPart("file") MultipartFile file,
            @RequestParam(name = "validate_only", defaultValue = "false") boolean validateOnly) throws IOException {
        byte[] bytes = file.getBytes();
        Map<String, Object> fingerprint = Map.of("sha256", Hashes.sha256Hex(bytes), "name",
                String.valueOf(file.getOriginalFilename()), "validate_only", validateOnly);
        // An image is not looked up after an uncertain upload: uploading the same bytes again gives the same hash.
        return idempotent(caller, key, "images " + accountId, fingerprint,
                () -> writing.uploadImage(ads(caller), accountId, bytes, file.getOriginalFilename(), validateOnly),
                since -> Optional.empty());
    }

    @PostMapping("/api/v1/campaigns/{id}/status")
    @Operation(summary = "Pause, activate (needs confirm) or archive a campaign; pausing is never rate limited by us")
    @ApiRateLimits.ChargedByHandler
    ResponseEntity<String> campaignStatus(ApiCaller caller, @PathVariable String id,
            @RequestBody WriteRequests.StatusChange request) {
        return answer(writing.setStatus(ads(caller), ObjectKind.CAMPAIGN, id, WriteRequests.fields(request),
                () -> rateLimits.charge(caller)));
    }

    @PostMapping("/api/v1/campaigns/status")
    @Operation(summary = "Pause or activate up to 50 campaigns at once (activating needs confirm once); "
            + "each change audited")
    Map<String, Object> campaignStatuses(ApiCaller caller, @RequestBody Map<String, Object> body) {
        return operations.setStatuses(ads(caller), body);
    }

    @PostMapping("/api/v1/campaigns/{id}/copies")
    @Operation(summary = "Duplicate a campaign with Meta's copy, PAUSED (an ACTIVE copy needs confirm)")
    ResponseEntity<String> copyCampaign(ApiCaller caller, @PathVariable String id,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody(required = false) @Nullable Map<String, Object> body) {
        Map<String, Object> request = body == null ? Map.of() : body;
        // Not looked up after an uncertain outcome (a copy has the source's name): a retry may copy again, paused.
        return idempotent(caller, key, "copies " + id, request, () -> operations.copy(ads(caller), id, request),
                since -> Optional.empty());
    }

    @PostMapping("/api/v1/adsets/{id}/status")
    @Operation(summary = "Pause, activate (needs confirm) or archive an ad set; pausing is never rate limited by us")
    @ApiRateLimits.ChargedByHandler
    ResponseEntity<String> adSetStatus(ApiCaller caller, @PathVariable String id,
            @RequestBody WriteRequests.StatusChange request) {
        return answer(writing.setStatus(ads(caller), ObjectKind.ADSET, id, WriteRequests.fields(request),
                () -> rateLimits.charge(caller)));
    }

    @PostMapping("/api/v1/ads/{id}/status")
    @Operation(summary = "Pause, activate (needs confirm) or archive an ad; pausing is never rate limited by us")
    @ApiRateLimits.ChargedByHandler
    ResponseEntity<String> adStatus(ApiCaller caller, @PathVariable String id,
            @RequestBody WriteRequests.StatusChange request) {
        return answer(writing.setStatus(ads(caller), ObjectKind.AD, id, WriteRequests.fields(request),
                () -> rateLimits.charge(caller)));
    }

    @PostMapping("/api/v1/campaigns/{id}/budget")
    @Operation(summary = "Change a campaign's budget, spending limit or end date (an increase needs confirm)")
    @ApiRateLimits.ChargedByHandler
    ResponseEntity<String> campaignBudget(ApiCaller caller, @PathVariable String id,
            @RequestBody WriteRequests.BudgetChange request) {
        return answer(writing.setBudget(ads(caller), ObjectKind.CAMPAIGN, id, WriteRequests.fields(request),
                () -> rateLimits.charge(caller)));
    }

    @PostMapping("/api/v1/adsets/{id}/budget")
    @Operation(summary = "Change an ad set's budget, bid or end date (an increase needs confirm)")
    @ApiRateLimits.ChargedByHandler
    ResponseEntity<String> adSetBudget(ApiCaller caller, @PathVariable String id,
            @RequestBody WriteRequests.BudgetChange request) {
        return answer(writing.setBudget(ads(caller), ObjectKind.ADSET, id, WriteRequests.fields(request),
                () -> rateLimits.charge(caller)));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A create of a campaign, ad set, ad or creative, once per Idempotency-Key (console/API.md). */
    private ResponseEntity<String> createOnce(ApiCaller caller, @Nullable String key, String what, ObjectKind kind,
            String accountId, Map<String, Object> body) {
        return idempotent(caller, key, what, body, () -> writing.create(ads(caller), kind, accountId, body),
                since -> reconciliation.findCreated(ads(caller), kind, accountId, body, since));
    }

    /**
     * Runs {@code create} once per key and body; after an attempt whose outcome is unknown, a retry answers what
     * {@code findCreated} finds at Meta (created since the key's first attempt) before it creates anything.
     */
    private ResponseEntity<String> idempotent(ApiCaller caller, @Nullable String key, String what,
            Map<String, Object> body, Supplier<AdsWriting.WriteResult> create,
            Function<Instant, Optional<AdsWriting.WriteResult>> findCreated) {
        if (key == null) {
            return answer(create.get());
        }
        caller.requireWrite(); // a read key learns nothing from replays
        Idempotency.Answer answer = idempotency.once(caller.tenant(), key, Idempotency.fingerprint(what, body),
                new Idempotency.Attempt() {
                    @Override
                    public Idempotency.Answer create() {
                        return toAnswer(create.get());
                    }

                    @Override
                    public Optional<Idempotency.Answer> findCreated(Instant since) {
                        return findCreated.apply(since).map(AdsApiController::toAnswer);
                    }
                });
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status()).header("Content-Type", JSON_TYPE);
        if (answer.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        if (answer.reconciled()) {
            builder.header("Idempotent-Reconciled", "true");
        }
        return builder.body(answer.body());
    }

    private static Idempotency.Answer toAnswer(AdsWriting.WriteResult result) {
        return new Idempotency.Answer(result.created() ? 201 : 200, JSON.writeValueAsString(result.body()), false);
    }

    private static ResponseEntity<String> answer(AdsWriting.WriteResult result) {
        return ResponseEntity.status(result.created() ? 201 : 200).header("Content-Type", JSON_TYPE)
                .body(JSON.writeValueAsString(result.body()));
    }

    /** The ads module's view of the API caller. */
    static AdsCaller ads(ApiCaller caller) {
        AdsCaller.WriteDenial denial = null;
        if (caller.key() != null && !caller.canWrite()) {
            denial = AdsCaller.WriteDenial.READ_ONLY_KEY;
        } else if (!caller.member().canWrite()) {
            denial = AdsCaller.WriteDenial.READ_ONLY_ROLE;
        }
        return new AdsCaller(caller.tenant(), caller.actor(), denial, caller.requestId(), caller.clientIp());
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.validation("limit", "Between 1 and 500.");
        }
        return limit;
    }

    private static UUID reportId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new AdsException(AdsException.Problem.NOT_FOUND, "not_found", "No such report.");
        }
    }

    /** Writes the CSV to the response as its rows arrive (nothing is built up in memory). */
    private static void stream(HttpServletResponse response, String name, InsightsCsv csv) throws IOException {
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        csv.write(writer);
    }
}
