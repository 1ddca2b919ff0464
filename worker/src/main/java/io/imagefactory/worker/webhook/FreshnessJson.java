package io.imagefactory.worker.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import java.time.Instant;

/**
 * How an API answer states the snapshot of the state repository it came from: the JSON form of
 * {@link Freshness}.
 *
 * @param commit the state repository commit
 * @param checkedAt when it was last confirmed to be the tip
 * @param ageSeconds seconds since then
 * @param lastError why refreshing failed since, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FreshnessJson(String commit, Instant checkedAt, long ageSeconds, String lastError) {

  static FreshnessJson of(Freshness freshness) {
    return new FreshnessJson(
        freshness.commit(), freshness.checkedAt(), freshness.ageSeconds(), freshness.lastError());
  }
}
