package io.accounts.platform.web;

import io.accounts.platform.ApiException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what a body reader consumes and fails with 413 past the limit, so no body is read whole first. */
final class BodyLimit extends FilterInputStream {

    private final long limit;
    private long count;

    BodyLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(int n) {
        count += n;
        if (count > limit) {
            throw ApiException.tooLarge("The request body exceeds " + limit + " bytes.");
        }
    }
}
