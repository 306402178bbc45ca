package io.accounts.platform.web;

import io.accounts.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.util.Set;

/**
 * Bean Validation of a request body, once, where the resource asks for it: the hot paths (login, refresh) call this
 * instead of {@code @Valid} on the parameter, which both servers' JAX-RS validate and then the CDI validation
 * interceptor validates again (two passes, and an intercepted bean: 7.5 % of a rotation's CPU, docs/PERFORMANCE.md).
 * The same constraints and the same 400 ({@link ValidationMapper}), with the same field names.
 */
@ApplicationScoped
public class ValidBodies {

    @Inject
    Validator validator;

    /** The body when it holds its constraints; a 400 naming each field that does not, or {@code body} when absent. */
    public <T> T check(T body) {
        if (body == null) {
            throw ApiException.invalidField("body", "must not be null");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
