package io.imagefactory.base;

import java.time.Instant;

/**
 * Kargo reported a digest of the base's watched tag ({@code freight}: the Freight that carried it).
 *
 * @param receivedAt when the webhook received the event, which is when the digest was first seen;
 *     null in events sent before it was carried, which count as seen when the base takes them
 */
public record DigestSeen(String digest, String tag, String freight, Instant receivedAt) {

  /** An event without its reception time. */
  public DigestSeen(String digest, String tag, String freight) {
    this(digest, tag, freight, null);
  }
}
