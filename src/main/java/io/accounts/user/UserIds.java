package io.accounts.user;

import io.accounts.platform.ApiException;
import org.bson.types.ObjectId;

import java.util.Locale;

/** Ids on the wire are 24-hex-digit ObjectIds; anything else is the client's mistake, not a 500. */
public final class UserIds {

    private UserIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ObjectId.isValid(id);
    }

    public static String require(String id, String field) {
        if (!isValid(id)) {
            throw ApiException.invalidField(field, "must be a 24-hex-digit id");
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
