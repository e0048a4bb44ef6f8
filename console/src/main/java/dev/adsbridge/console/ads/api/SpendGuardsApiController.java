package dev.adsbridge.console.ads.api;

import dev.adsbridge.console.ads.AdsException;
import dev.adsbridge.console.ads.SpendGuards;
import dev.adsbridge.console.apikeys.ApiCaller;
import dev.adsbridge.console.tenancy.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/spend-guards}: the tenant's spending limits, for owners (console/API.md). */
@RestController
@Tag(name = "Spending limits", description = "Per-day limits above which writes need the amount confirmed, or are refused")
class SpendGuardsApiController {

    private final SpendGuards guards;

    SpendGuardsApiController(SpendGuards guards) {
        this.guards = guards;
    }

    @GetMapping("/api/v1/spend-guards")
    @Operation(summary = "The limits owners set, and the defaults for each chosen ad account (owners only)")
    Map<String, Object> list(ApiCaller caller) {
        if (caller.member().role() != Role.OWNER) {
            throw new AdsException(AdsException.Problem.FORBIDDEN, "forbidden_role",
                    "Only owners see and set spending limits.");
        }
        return guards.view(caller.tenant());
    }

    @PutMapping("/api/v1/spend-guards")
    @Operation(summary = "Set the limits for every ad account in a currency, or for one ad account (owners only)")
    Map<String, Object> put(ApiCaller caller, @RequestBody WriteRequests.SpendGuardChange request) {
        WriteRequests.fields(request);
        return guards.put(AdsApiController.ads(caller), caller.member().id(), caller.member().role() == Role.OWNER,
                request.adAccountId(), request.currency(), request.confirmAbove(), request.hardCap());
    }
}
