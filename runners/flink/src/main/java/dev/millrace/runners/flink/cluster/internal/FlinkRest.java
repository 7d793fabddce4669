package dev.millrace.runners.flink.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A tiny client for the GET endpoints of Flink's REST API (the JobManager's web port): enough to
 * wait for a cluster, find TaskManagers and read checkpoint statistics, without Flink's own
 * (asynchronous, Netty-based) REST client.
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;

  public FlinkRest(URI base) {
    this.base = base;
  }

  /** {@code http://host:port}. */
  public static FlinkRest of(String host, int port) {
    return new FlinkRest(URI.create("http://" + host + ":" + port));
  }

  public URI base() {
    return base;
  }

  /** The JSON answer of {@code GET path} (e.g. {@code /overview}); fails on a non-200 status. */
  public JsonNode get(String path) throws IOException {
    HttpURLConnection c = open(path);
    try {
      int status = c.getResponseCode();
      if (status != 200) {
        throw new IOException("GET " + base + path + " answered HTTP " + status);
      }
      try (InputStream in = c.getInputStream()) {
        return JSON.readTree(in);
      }
    } finally {
      c.disconnect();
    }
  }

  /** The HTTP status of {@code GET path}, or -1 when nothing answers. */
  public int status(String path) {
    try {
      HttpURLConnection c = open(path);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  private HttpURLConnection open(String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    c.setConnectTimeout(2_000);
    c.setReadTimeout(10_000);
    c.setRequestProperty("Accept", "application/json");
    return c;
  }
}
