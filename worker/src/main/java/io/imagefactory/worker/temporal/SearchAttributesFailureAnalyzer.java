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
        "Fix the namespace with the commands above (as someone allowed to change its search"
            + " attributes), then start the worker again.",
        cause);
  }
}
