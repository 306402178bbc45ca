package io.accounts.user;

import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

import java.util.Optional;

/**
 * JNoSQL repository of {@link User}; the unique email index is created by {@link UserStore}. It names its provider:
 * a server with a Jakarta Data provider of its own (Payara 7) would otherwise claim it too, and two beans would
 * answer for it ("Eclipse_JNoSQL" is JNoSQL's name for itself).
 */
@Repository(provider = "Eclipse_JNoSQL")
public interface UserRepository extends CrudRepository<User, String> {

    Optional<User> findByEmail(String email);
}
