package io.accounts.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller may act when the path parameter {@link #param()} is its own id ({@code sub}), or when it holds one
 * of the roles: the tutorial's "that user or an admin".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SelfOrRolesAllowed {

    String[] value();

    String param() default "id";
}
