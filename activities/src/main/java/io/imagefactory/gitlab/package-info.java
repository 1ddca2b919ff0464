/**
 * GitLab CI, the second rebuild provider ({@code source.provider: gitlab}).
 *
 * <p>{@link io.imagefactory.gitlab.GitLabCiProvider} is the one adapter: it creates a pipeline on
 * the branch of the project {@code source.repo} names, with the rendered inputs and {@code
 * IMAGE_FACTORY_REBUILD_ID} as variables, finds that pipeline again when a dispatch is retried, and
 * reads its status until it ends. {@link io.imagefactory.gitlab.GitLabSettings} holds the instance
 * (gitlab.com or self-managed), the project access token's file (read at every request) and the
 * never-started limit. Behind the adapter: {@code GitLabApi} (the HTTP requests), {@code
 * GitLabFailures} (answers into {@link io.imagefactory.rebuild.CiException}s), {@code
 * PipelineFinder} (the retry's lookup), {@code PipelineConclusions} (statuses into {@link
 * io.imagefactory.rebuild.RunConclusion}s) and {@code TokenFile}.
 *
 * <p>Tests: {@code mvn -B -ntp -q -pl activities -am test -Dtest='io.imagefactory.gitlab.*Test'
 * -Dsurefire.failIfNoSpecifiedTests=false}. They drive the real client against {@code FakeGitLab},
 * a JDK HttpServer on 127.0.0.1 that speaks the pipeline endpoints with the bodies in {@code
 * src/test/resources/gitlab/} and records every request.
 */
package io.imagefactory.gitlab;
