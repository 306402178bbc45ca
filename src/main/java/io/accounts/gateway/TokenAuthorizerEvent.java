package io.accounts.gateway;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An API Gateway TOKEN authorizer event, the input of the tutorial's authorizer Lambda. */
public record TokenAuthorizerEvent(
        @NotBlank @Pattern(regexp = "TOKEN", message = "must be TOKEN") String type,
        @JsonbProperty("authorizationToken") @Size(max = 9000) String authorizationToken,
        @JsonbProperty("methodArn") @NotBlank @Size(max = 2048)
        @Pattern(regexp = MethodArn.PATTERN, message = "must be an execute-api method ARN") String methodArn) {
}
