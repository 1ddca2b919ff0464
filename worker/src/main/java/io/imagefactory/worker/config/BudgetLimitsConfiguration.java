package io.imagefactory.worker.config;

import io.imagefactory.budget.BudgetLimits;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rebuild budget's limits as one bean: what the budget workflow is given, what the what-if
 * endpoint plans with and which hosts the queue gauge always reports.
 */
@Configuration(proxyBeanMethods = false)
public class BudgetLimitsConfiguration {

  /** The limits of {@code image-factory.rebuild-budget.*}, with the hosts the providers go to. */
  @Bean
  BudgetLimits rebuildBudgetLimits(
      RebuildBudgetProperties budget, ImageFactoryProperties properties) {
    Map<String, String> providerHosts =
        Map.of(
            "github", properties.github().gitHost(),
            "gitlab", properties.gitlab().baseUrl().getHost());
    return budget.limits(providerHosts);
  }
}
