package io.accounts.gateway;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;
import java.util.Map;

/** The tutorial authorizer's output: principal, IAM policy document, and the token's claims as context. */
@JsonbPropertyOrder({"principalId", "policyDocument", "context"})
public record AuthorizerResponse(@JsonbProperty("principalId") String principalId,
                                 @JsonbProperty("policyDocument") PolicyDocument policyDocument,
                                 @JsonbProperty("context") Map<String, Object> context) {

    /** {@code {"Version":"2012-10-17","Statement":[...]}}. */
    @JsonbPropertyOrder({"Version", "Statement"})
    public record PolicyDocument(@JsonbProperty("Version") String version,
                                 @JsonbProperty("Statement") List<IamStatement> statement) {
    }

    /** {@code {"Action":"execute-api:Invoke","Effect":"Allow|Deny","Resource":[arn...]}}. */
    @JsonbPropertyOrder({"Action", "Effect", "Resource"})
    public record IamStatement(@JsonbProperty("Action") String action, @JsonbProperty("Effect") String effect,
                               @JsonbProperty("Resource") List<String> resource) {
    }
}
