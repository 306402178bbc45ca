package io.accounts.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.accounts.client.ApiClient;
import io.accounts.client.ApiException;
import io.accounts.client.ApiResponse;
import io.accounts.client.api.SignInApi;
import io.accounts.client.api.UsersApi;
import io.accounts.client.model.Credentials;
import io.accounts.client.model.NewUser;
import io.accounts.client.model.Problem;
import io.accounts.client.model.RefreshRequest;
import io.accounts.client.model.TokenPair;
import io.accounts.client.model.UserUpdate;
import io.accounts.client.model.UserView;
import io.accounts.it.support.DeployedService;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client team's view: the Java client openapi-generator makes from the served document (pom.xml,
 * {@code generated-client}; {@code OpenApiIT} keeps the document it is made from equal to the served one) registers,
 * logs in, refreshes, reads and updates an account, and receives the service's errors as typed problems. Nothing but
 * the generated classes talks to the service here.
 */
class GeneratedClientIT extends DeployedService {

    private static final String PASSWORD = "a long enough generated-client password";

    private final ApiClient client = clientOf(api.base().toString().replaceAll("/+$", ""));
    // an API takes the client's base URI when it is made
    private final UsersApi users = new UsersApi(client);
    private final SignInApi signIn = new SignInApi(client);

    private static ApiClient clientOf(String base) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base);
        return client;
    }

    private String register(String email) throws ApiException {
        ApiResponse<Void> registered = users.registerUserWithHttpInfo(new NewUser().firstName("Ada")
                .lastName("Lovelace").email(email).password(PASSWORD));
        assertEquals(201, registered.getStatusCode());
        String location = registered.getHeaders().get("location").get(0);
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private Problem problem(ApiException error) throws JsonProcessingException {
        return client.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
    }

    @Test
    void aGeneratedClientRegistersLogsInRefreshesReadsAndUpdatesAnAccount() throws Exception {
        String email = "generated-" + UUID.randomUUID() + "@example.com";
        String id = register(email);

        TokenPair login = signIn.login(new Credentials().email(email).password(PASSWORD)).getData();
        TokenPair refreshed = signIn.refreshToken(new RefreshRequest().refreshToken(login.getRefreshToken()))
                .getData();
        assertNotEquals(login.getRefreshToken(), refreshed.getRefreshToken(), "the refresh token rotates");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + refreshed.getToken());

        UserView read = users.getUser(id, bearer).getData();
        assertEquals(email, read.getEmail());
        assertEquals("Ada", read.getFirstName());
        UserView updated = users.updateUser(id, new UserUpdate().firstName("Augusta").lastName("Lovelace")
                .email(email), bearer).getData();
        assertEquals("Augusta", updated.getFirstName());
        assertEquals("Augusta", users.getUser(id, bearer).getData().getFirstName());
    }

    @Test
    void errorsArriveAsTypedProblems() throws Exception {
        ApiException invalid = assertThrows(ApiException.class, () -> users.registerUser(new NewUser()
                .firstName("Ada").lastName("Lovelace").email("not an address").password("short")));
        assertEquals(400, invalid.getCode());
        Problem bad = problem(invalid);
        assertEquals(400, bad.getStatus());
        assertTrue(String.valueOf(bad.getErrors()).contains("password"), "each field's problem: " + bad);

        String id = register("generated-401-" + UUID.randomUUID() + "@example.com");
        ApiException anonymous = assertThrows(ApiException.class, () -> users.getUser(id));
        assertEquals(401, anonymous.getCode());
        assertEquals(401, problem(anonymous).getStatus());
        assertTrue(anonymous.getResponseHeaders().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                "the challenge the document declares");
    }
}
