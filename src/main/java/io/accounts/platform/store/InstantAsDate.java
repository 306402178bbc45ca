package io.accounts.platform.store;

import jakarta.nosql.AttributeConverter;

import java.time.Instant;
import java.util.Date;

/**
 * Stores an entity's {@link Instant} as a BSON date, as the driver would: JNoSQL writes a temporal as text, which a
 * TTL index ignores and which compares as text. Every time an entity stores carries this converter.
 */
public final class InstantAsDate implements AttributeConverter<Instant, Date> {

    @Override
    public Date convertToDatabaseColumn(Instant attribute) {
        return attribute == null ? null : Date.from(attribute);
    }

    @Override
    public Instant convertToEntityAttribute(Date dbData) {
        return dbData == null ? null : dbData.toInstant();
    }
}
