package io.accounts.security;

import io.accounts.policy.Endpoint;
import io.accounts.policy.Policy;
import io.accounts.policy.PolicyException;
import io.accounts.policy.PolicyParser;
import io.accounts.policy.ResourceEndpoints;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The policy the {@link Authorizer} applies: the document at {@code policy.file} ({@code server-config/policy.json} on Liberty),
 * or the copy of it inside the WAR. Compiled once at start-up; a document that is malformed, names an unknown
 * role or verb, or leaves a resource method uncovered stops the deployment with a message naming the problem.
 */
@ApplicationScoped
public class AccessPolicy {

    private static final Logger LOG = Logger.getLogger(AccessPolicy.class.getName());
    static final String BUNDLED = "META-INF/policy.json";

    @Inject
    @ConfigProperty(name = "policy.file")
    Optional<String> file;

    @Inject
    ResourceEndpoints resources;

    private Policy policy;

    @PostConstruct
    void init() {
        String source = source(file);
        policy = load(source, resources.endpoints());
        LOG.info(() -> "access policy from " + source + ": " + policy.statements().size() + " statements");
    }

    /** Where the policy is read from: {@code policy.file} when set, else the copy inside the WAR. */
    static String source(Optional<String> file) {
        return file.filter(f -> !f.isBlank()).orElse("classpath:" + BUNDLED);
    }

    /** Reads, compiles and checks a policy against the API's endpoints. */
    static Policy load(String source, List<Endpoint> endpoints) {
        JsonObject document;
        try (InputStream in = open(source); JsonReader reader = Json.createReader(in)) {
            document = reader.readObject();
        } catch (IOException e) {
            throw new PolicyException("cannot read the policy " + source + ": " + e.getMessage());
        } catch (JsonException e) {
            throw new PolicyException("the policy " + source + " is not a JSON object: " + e.getMessage());
        }
        Policy parsed = new PolicyParser(Roles.ALL).parse(document);
        for (Endpoint endpoint : endpoints) {
            boolean covered = parsed.statements().stream().anyMatch(s -> s.allow() && s.coversVerb(endpoint.verb())
                    && s.resources().stream().anyMatch(r -> r.match(endpoint.template()).isPresent()));
            if (!covered) {
                throw new PolicyException("the policy " + source + " has no Allow statement for " + endpoint);
            }
        }
        return parsed;
    }

    private static InputStream open(String source) throws IOException {
        if (source.startsWith("classpath:")) {
            InputStream in = AccessPolicy.class.getClassLoader().getResourceAsStream(source.substring(10));
            if (in == null) {
                throw new IOException("not found");
            }
            return in;
        }
        return Files.newInputStream(Path.of(source));
    }

    public Policy policy() {
        return policy;
    }
}
