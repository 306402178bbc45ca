package io.accounts.keys;

import com.mongodb.client.model.Filters;
import com.nimbusds.jose.JWSAlgorithm;
import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two nodes that start on an empty database each make a first key; ClusterIT caught both made in the same
 * millisecond, which left each node re-reading forever (a stack overflow at start). Every node must agree on the
 * one that signs and retire the other, on a MongoDB wire-protocol server.
 */
class SealedKeysTest {

    private WireProtocolServer mongo;
    private SigningKeyStore store;

    @BeforeEach
    void start() {
        mongo = new WireProtocolServer();
        store = new SigningKeyStore();
        store.template = StoreKit.template(mongo.client(), "keys");
        store.driver = StoreKit.driver(mongo.client(), "keys");
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private SealedKeys node() {
        JwtConfig config = new JwtConfig(JWSAlgorithm.ES256, Optional.empty(), "https://issuer.example",
                Optional.empty(), Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofHours(24));
        return SealedKeys.open(store, Optional.of("a key-encryption key for the unit test"), config, Optional.empty());
    }

    private List<String> states() {
        return store.all().stream().map(k -> k.kid() + "=" + k.state()).sorted().toList();
    }

    @Test
    void twoFirstKeysOfTheSameMillisecondLeaveOneSigningKeyThatEveryNodeAgreesOn() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SealedKeys first = node();
        SealedKeys second = node();
        StoredKey a = first.generate(now, now);
        StoredKey b = second.generate(now, now);
        store.insert(a);
        store.insert(b);
        String newest = a.kid().compareTo(b.kid()) > 0 ? a.kid() : b.kid();
        String older = newest.equals(a.kid()) ? b.kid() : a.kid();

        Ring seenByFirst = first.read(Ring.EMPTY, now.plusMillis(5));
        Ring seenBySecond = second.read(Ring.EMPTY, now.plusMillis(5));

        assertEquals(newest, seenByFirst.active().kid());
        assertEquals(newest, seenBySecond.active().kid());
        assertEquals(List.of(a.kid(), b.kid()).stream().sorted().toList(),
                seenByFirst.byKid().keySet().stream().sorted().toList(), "the retiring key still verifies");
        assertEquals(StoredKey.RETIRING, store.all().stream().filter(k -> k.kid().equals(older)).findFirst()
                .orElseThrow().state(), states().toString());
        assertEquals(1, mongo.database("keys").getCollection(StoredKey.COLLECTION)
                .countDocuments(Filters.eq("state", StoredKey.ACTIVE)));
    }

    @Test
    void aKeyOfTheSameMillisecondThatANodeHasNotSeenIsNotRetiredByIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SealedKeys node = node();
        StoredKey low = node.generate(now, now);
        StoredKey high = node.generate(now, now);
        if (low.kid().compareTo(high.kid()) > 0) {
            StoredKey swap = low;
            low = high;
            high = swap;
        }
        store.insert(low);
        store.insert(high);
        // a node that saw only the lower kid as the newest retires what comes before it, never the higher one
        store.retireEarlier("ES256", low, now.plusSeconds(330));
        assertEquals(2, mongo.database("keys").getCollection(StoredKey.COLLECTION)
                .countDocuments(new Document("state", StoredKey.ACTIVE)), states().toString());
    }
}
