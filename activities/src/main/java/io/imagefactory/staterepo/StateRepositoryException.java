package io.imagefactory.staterepo;

/**
 * The state repository could not be read or written. The message names the remote and branch, never
 * a credential. {@link #retryable()} is false when retrying cannot help without a change of
 * configuration (a missing branch, say).
 */
public class StateRepositoryException extends RuntimeException {

  private final boolean retryable;

  public StateRepositoryException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** True when the same call may succeed later (network trouble, a remote that kept moving). */
  public boolean retryable() {
    return retryable;
  }
}
