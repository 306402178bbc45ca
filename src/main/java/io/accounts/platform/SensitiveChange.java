package io.accounts.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method as a sensitive change (API.md, "Sessions and sensitive changes"): the authorizer lets it
 * run only for a token whose sign-in ({@code auth_time}) is at most {@code auth.max-auth-age} old, so a stolen
 * token, or a session kept alive by refreshing, cannot make it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SensitiveChange {

    /** Only when the caller acts on their own account (the path's {@code id} is the token's subject). */
    boolean ownAccountOnly() default false;
}
