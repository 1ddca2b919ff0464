package io.imagefactory.worker.temporal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a namespace without the search attributes as the reason and the commands, not a trace. */
class SearchAttributesFailureAnalyzer
    extends AbstractFailureAnalyzer<SearchAttributesRefusedException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, SearchAttributesRefusedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Run the commands above (or have someone with the right to do so run them), or give the"
            + " worker's Temporal identity the right to register search attributes.",
        cause);
  }
}
