package io.accounts.platform.web;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JSON-P parser that refuses {@code skipArray} and {@code skipObject}: parsers disagree on where those leave them
 * (Payara's Parsson before the {@code END_ARRAY}, Liberty's after it, so a 400 on Liberty was a 500 on Payara), so
 * the binder must not depend on either; and, like every parser, it refuses to read past the document.
 */
final class StrictParser implements JsonParser {

    private final JsonParser parser;
    private final Deque<Event> open = new ArrayDeque<>();

    StrictParser(JsonParser parser) {
        this.parser = parser;
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        if (event == Event.START_ARRAY || event == Event.START_OBJECT) {
            open.push(event);
        } else if (event == Event.END_ARRAY || event == Event.END_OBJECT) {
            open.pop();
        }
        return event;
    }

    @Override
    public void skipArray() {
        throw new IllegalStateException("skipArray: where it leaves the parser differs between parsers, at "
                + parser.getLocation() + " inside " + open);
    }

    @Override
    public void skipObject() {
        throw new IllegalStateException("skipObject: where it leaves the parser differs between parsers, at "
                + parser.getLocation() + " inside " + open);
    }

    @Override
    public String getString() {
        return parser.getString();
    }

    @Override
    public boolean isIntegralNumber() {
        return parser.isIntegralNumber();
    }

    @Override
    public int getInt() {
        return parser.getInt();
    }

    @Override
    public long getLong() {
        return parser.getLong();
    }

    @Override
    public BigDecimal getBigDecimal() {
        return parser.getBigDecimal();
    }

    @Override
    public JsonLocation getLocation() {
        return parser.getLocation();
    }

    @Override
    public void close() {
        parser.close();
    }
}
