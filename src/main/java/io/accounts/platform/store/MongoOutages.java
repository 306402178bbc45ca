package io.accounts.platform.store;

import io.accounts.platform.DatabaseOutages;
import jakarta.enterprise.context.ApplicationScoped;

/** The driver's reading of a failure to reach MongoDB ({@link MongoErrors#isOutage}), for the web side. */
@ApplicationScoped
public class MongoOutages implements DatabaseOutages {

    @Override
    public boolean isOutage(Throwable error) {
        return MongoErrors.isOutage(error);
    }
}
