package io.accounts.user;

import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

import java.util.Optional;

/** JNoSQL repository of {@link User}; the unique email index is created by {@link UserStore}. */
@Repository
public interface UserRepository extends CrudRepository<User, String> {

    Optional<User> findByEmail(String email);
}
