package io.accounts.passwords;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A chosen password must not be one of the most common ones ({@link CommonPasswords}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Constraint(validatedBy = NotCommonPassword.Validator.class)
public @interface NotCommonPassword {

    String message() default "is one of the most common passwords; choose another";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the list; null is left to {@code @NotNull}. */
    class Validator implements ConstraintValidator<NotCommonPassword, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return !CommonPasswords.contains(value);
        }
    }
}
