package io.accounts.gateway;

/**
 * An execute-api method ARN, {@code arn:aws:execute-api:region:account:api/stage/VERB/path}: the API and stage
 * part, the verb and the path the request was for.
 */
public record MethodArn(String apiStage, String verb, String path) {

    static final String PATTERN = "^arn:aws:execute-api:[^:]+:[^:]+:[^/]+/[^/]+/[A-Z*]+(/.*)?$";

    public static MethodArn parse(String arn) {
        int stageEnd = arn.indexOf('/', arn.indexOf('/') + 1);
        int verbEnd = arn.indexOf('/', stageEnd + 1);
        String verb = verbEnd < 0 ? arn.substring(stageEnd + 1) : arn.substring(stageEnd + 1, verbEnd);
        String path = verbEnd < 0 ? "/" : arn.substring(verbEnd);
        return new MethodArn(arn.substring(0, stageEnd), verb, path);
    }

    /** The ARN of a verb ({@code *} for any) on a resource path pattern of this API and stage. */
    public String resource(String verb, String pathPattern) {
        return apiStage + "/" + verb + pathPattern;
    }
}
