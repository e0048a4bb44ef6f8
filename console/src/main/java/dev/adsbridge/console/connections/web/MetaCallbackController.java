package dev.adsbridge.console.connections.web;

import dev.adsbridge.console.connections.MetaCallbacks;
import dev.adsbridge.graph.SignedRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Meta's deauthorize and data-deletion callbacks (public, CSRF-exempt, verified by signature) and the status page. */
@Controller
class MetaCallbackController {

    static final String STATUS_VIEW = "connections/deletion-status";

    private final MetaCallbacks callbacks;

    MetaCallbackController(MetaCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping(path = "/meta/deauthorize", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> deauthorize(@RequestParam(name = "signed_request", required = false) @Nullable String signed) {
        int revoked = callbacks.deauthorize(signed);
        return Map.of("success", true, "connections_revoked", revoked);
    }

    @PostMapping(path = "/meta/data-deletion", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> dataDeletion(@RequestParam(name = "signed_request", required = false) @Nullable String signed) {
        MetaCallbacks.DeletionRequest request = callbacks.dataDeletion(signed);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", request.statusUrl());
        answer.put("confirmation_code", request.confirmationCode());
        return answer;
    }

    @GetMapping("/deletion-status")
    String status(@RequestParam(required = false) @Nullable String code, Model model, HttpServletResponse response) {
        var request = code == null ? java.util.Optional.<MetaCallbacks.DeletionRequest>empty()
                : callbacks.deletionStatus(code);
        if (request.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("request", request.orElse(null));
        model.addAttribute("code", code);
        return STATUS_VIEW;
    }

    @ExceptionHandler(SignedRequestException.class)
    ResponseEntity<Map<String, Object>> forged(SignedRequestException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", Map.of("message", e.getMessage())));
    }
}
