package io.imagefactory.rebuild;

/**
 * One problem with the inputs a managed image configures for its rebuild ({@code
 * source.workflowInputs}): GitHub workflow inputs or GitLab pipeline variables.
 *
 * @param input the input the problem is about, as configured or as the workflow declares it; null
 *     when it is about the workflow as a whole (it cannot be dispatched, say)
 * @param message a sentence naming the input and, where there is one, the workflow file
 */
public record InputProblem(String input, String message) {

  @Override
  public String toString() {
    return message;
  }
}
