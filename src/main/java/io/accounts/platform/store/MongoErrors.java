package io.accounts.platform.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/** Reads MongoDB failures the services must tell apart. */
public final class MongoErrors {

    private MongoErrors() {
    }

    /** A unique index refused the write (code 11000), whichever command it came through. */
    public static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MongoException m && ErrorCategory.fromErrorCode(m.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    /** The database cannot be reached (or lost its primary): the client may retry, it did nothing wrong. */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MongoTimeoutException || t instanceof MongoSocketException
                    || (t instanceof MongoException m && m.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
        }
        return false;
    }
}
