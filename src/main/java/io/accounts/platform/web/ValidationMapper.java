package io.accounts.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Bean Validation failures of a request become one 400 problem whose {@code errors} are keyed by wire name. */
@Provider
public class ValidationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        Map<String, List<String>> errors = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            List<String> messages = errors.computeIfAbsent(field(violation.getPropertyPath()), k -> new ArrayList<>());
            if (!messages.contains(violation.getMessage())) {
                messages.add(violation.getMessage());
            }
        }
        return Problem.of(400, "The request is invalid.", errors).toResponse().build();
    }

    /** The last named node: {@code register.body.firstName} is the field {@code first_name}. */
    static String field(Path path) {
        String name = "body";
        for (Path.Node node : path) {
            if (node.getName() != null && node.getKind() != ElementKind.METHOD) {
                name = node.getName();
            }
        }
        return Names.snake(name);
    }
}
