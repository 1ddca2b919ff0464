package io.imagefactory.worker.config;

import io.imagefactory.argocd.ArgoCdActivities;
import io.imagefactory.argocd.ArgoCdActivitiesImpl;
import io.imagefactory.argocd.ArgoCdStatusReader;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.RebuildBudgetActivities;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.enrollment.CatalogActivities;
import io.imagefactory.enrollment.CatalogActivitiesImpl;
import io.imagefactory.enrollment.DockerfileActivitiesImpl;
import io.imagefactory.enrollment.EntityActivities;
import io.imagefactory.enrollment.EntityActivitiesImpl;
import io.imagefactory.enrollment.StateRepositorySetups;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildActivitiesImpl;
import io.imagefactory.rebuild.RebuildBudgetActivitiesImpl;
import io.imagefactory.rebuild.RebuildMetrics;
import io.imagefactory.signature.SignatureActivities;
import io.imagefactory.signature.SignatureActivitiesImpl;
import io.imagefactory.sources.SourceCache;
import io.imagefactory.staterepo.StateRepoActivities;
import io.imagefactory.staterepo.StateRepoActivitiesImpl;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.imagefactory.staterepo.StateRepoClientActivitiesImpl;
import io.imagefactory.staterepo.StateRepoMetrics;
import io.imagefactory.staterepo.StateRepository;
import io.imagefactory.worker.metrics.CountedDockerfileActivities;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every activity implementation the worker registers, one bean each, built from its adapter and the
 * adapter's settings. The bean names are the {@code activity-beans} of the worker in {@code
 * application.yaml}; {@code ActivityBeansTest} keeps the two lists equal. The rebuild activities
 * dispatch to the CI providers of {@link CiConfiguration}; a provider without credentials records
 * its dispatches instead. The rebuild, state-repository and Dockerfile activities count what they
 * do in the metrics of {@code io.imagefactory.worker.metrics}.
 */
@Configuration(proxyBeanMethods = false)
class ActivityBeans {

  // A sync takes seconds to minutes; a read every few seconds keeps the wait short and cheap.
  static final Duration ARGO_CD_POLL_INTERVAL = Duration.ofSeconds(5);

  @Bean
  ArgoCdActivities argoCdActivities(
      KubernetesConnection kubernetes,
      ImageFactoryProperties properties,
      StateRepository stateRepository) {
    ArgoCdProperties argoCd = properties.argocd();
    // Argo CD is usually already at a newer commit of the single writer: a descendant deploys ours.
    return new ArgoCdActivitiesImpl(
        kubernetes.client().map(ArgoCdStatusReader::new),
        new AwaitSyncRequest(argoCd.application(), argoCd.namespace(), null, argoCd.syncTimeout()),
        ARGO_CD_POLL_INTERVAL,
        (synced, wanted) -> stateRepository.includes(synced, wanted));
  }

  @Bean
  CatalogActivities catalogActivities(StateRepository stateRepository, SourceCache sourceCache) {
    return new CatalogActivitiesImpl(stateRepository, sourceCache);
  }

  @Bean
  DockerfileActivities dockerfileActivities(
      SourceCache sourceCache,
      StateRepository stateRepository,
      CiProviders ci,
      MeterRegistry registry) {
    return new CountedDockerfileActivities(
        new DockerfileActivitiesImpl(sourceCache, stateRepository, ci.destinations()), registry);
  }

  @Bean
  StateRepoActivities stateRepoActivities(
      StateRepository stateRepository, StateRepoMetrics metrics) {
    return new StateRepoActivitiesImpl(stateRepository, metrics);
  }

  @Bean
  EntityActivities entityActivities(WorkflowClient client, StateRepository stateRepository) {
    return new EntityActivitiesImpl(client, new StateRepositorySetups(stateRepository));
  }

  @Bean
  StateRepoClientActivities stateRepoClientActivities(WorkflowClient client) {
    return new StateRepoClientActivitiesImpl(client);
  }

  @Bean
  RebuildBudgetActivities rebuildBudgetActivities(WorkflowClient client, BudgetLimits limits) {
    return new RebuildBudgetActivitiesImpl(client, limits);
  }

  /** Key files are read at the state repository's tip, where {@code images.yaml} names them. */
  @Bean
  SignatureActivities signatureActivities(
      SignatureProperties signatures, StateRepository stateRepository) {
    return new SignatureActivitiesImpl(
        signatures.hosts(),
        signatures.credentials(),
        path -> stateRepository.read(path::equals).file(path),
        signatures.trust(),
        signatures.unverifiedCache());
  }

  @Bean
  RebuildActivities rebuildActivities(CiProviders ci, RebuildMetrics metrics) {
    return new RebuildActivitiesImpl(ci.providers(), ci.stateRepository(), metrics);
  }
}
