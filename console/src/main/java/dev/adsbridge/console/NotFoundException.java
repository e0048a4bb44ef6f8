package dev.adsbridge.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Nothing with this id in the caller's tenant. Ids of other tenants answer the same way, so an id never tells whether it
 * exists elsewhere.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
