package io.imagefactory.image;

import io.imagefactory.image.ImageCommand.PersonRequest;
import io.imagefactory.statefiles.RebuildEntry;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code approve} and {@code rebuild --now} updates whose rebuild was asked for and that wait
 * for the CI's answer to its dispatch. The caller usually sees that answer; a slow CI gets the
 * rebuild as requested after {@link #ANSWER_WAIT}. Use from workflow code.
 */
final class PersonRequests {

  /** How long {@code approve} and {@code rebuild --now} wait to answer with the CI's reply. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(20);

  /** The failure type of a request the image could not act on because it was unenrolled. */
  static final String UNENROLLED = "ImageUnenrolled";

  private final List<PersonRequest> waiting = new ArrayList<>();
  private Instant answerBy;

  /** {@code requests} wait for the dispatch asked for at {@code now}. */
  void await(List<PersonRequest> requests, Instant now) {
    if (requests.isEmpty()) {
      return;
    }
    waiting.addAll(requests);
    answerBy = now.plus(ANSWER_WAIT);
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** How long until the waiting requests are answered whatever the CI; empty when none waits. */
  Optional<Duration> untilDue(Instant now) {
    if (waiting.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(answerBy.isAfter(now) ? Duration.between(now, answerBy) : Duration.ZERO);
  }

  /** Answers every waiting request with {@code rebuild} once it was dispatched or waited for. */
  void answer(RebuildEntry rebuild, boolean dispatching, Instant now) {
    if (waiting.isEmpty() || (dispatching && now.isBefore(answerBy))) {
      return;
    }
    waiting.forEach(request -> request.answer().complete(rebuild));
    waiting.clear();
  }

  /**
   * The image is leaving: the waiting requests get {@code rebuild}, which was asked for; {@code
   * untaken} ones, which the loop never acted on, are refused.
   */
  void leave(List<PersonRequest> untaken, RebuildEntry rebuild, String image) {
    waiting.forEach(request -> request.answer().complete(rebuild));
    waiting.clear();
    for (PersonRequest request : untaken) {
      request
          .answer()
          .completeExceptionally(
              ApplicationFailure.newNonRetryableFailure(
                  "image " + image + " was unenrolled: no rebuild was asked for", UNENROLLED));
    }
  }
}
