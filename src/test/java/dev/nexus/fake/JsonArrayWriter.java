package dev.nexus.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The stream format without {@code alt=sse}: one JSON array whose elements arrive as they are produced, each after
 * the first introduced by {@code \r\n,} as Google writes it: {@code [{…}\r\n,{…}]}.
 */
final class JsonArrayWriter implements StreamWriter {
    private final OutputStream out;
    private boolean started;

    JsonArrayWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public String contentType() {
        return "application/json; charset=UTF-8";
    }

    @Override
    public void event(String json) throws IOException {
        out.write(element(json));
        out.flush();
        started = true;
    }

    @Override
    public void partialEvent(String json) throws IOException {
        byte[] element = element(json);
        out.write(Arrays.copyOf(element, element.length / 2));
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        out.write((started ? "]" : "[]").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private byte[] element(String json) {
        return ((started ? "\r\n," : "[") + json).getBytes(StandardCharsets.UTF_8);
    }
}
