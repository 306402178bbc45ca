package io.accounts.platform.web;

import io.accounts.platform.Meters;
import io.accounts.platform.DatabaseOutages;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: a database outage becomes 503 with {@code Retry-After}; anything else a 500 whose body holds
 * only a reference to the log line, never a class name or stack trace.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());
    static final long RETRY_AFTER_SECONDS = 5;

    @Inject
    MetricRegistry metrics;

    private final Supplier<Counter> outagesCounted = Meters.once(() -> metrics.counter(Meters.described(
            "accounts_mongodb_errors", "requests answered 503 because MongoDB could not be reached")));

    @Inject
    DatabaseOutages outages;

    @Override
    public Response toResponse(Throwable e) {
        if (outages.isOutage(e)) {
            outagesCounted.get().inc();
            LOG.warning(() -> "MongoDB unavailable: " + e.getClass().getSimpleName());
            return Problem.of(503, "The database is unavailable; retry shortly.", null).toResponse()
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Problem.of(500, "An unexpected error occurred; reference " + reference + ".", null)
                .toResponse().build();
    }
}
