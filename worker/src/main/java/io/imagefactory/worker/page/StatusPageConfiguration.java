package io.imagefactory.worker.page;

import io.imagefactory.worker.webhook.WebhookToken;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the status page behind the API's token and gives every page and asset its security headers.
 * The assets (one stylesheet, one script) hold no fleet data and need no token, so a browser loads
 * them without sending the credentials again.
 */
@Configuration(proxyBeanMethods = false)
class StatusPageConfiguration implements WebMvcConfigurer {

  private final WebhookToken token;

  StatusPageConfiguration(WebhookToken token) {
    this.token = token;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new PageHeaders())
        .addPathPatterns(
            StatusPaths.TABLE,
            "/images/**",
            StatusPaths.GRAPH,
            StatusPaths.GRAPH_SVG,
            StatusPaths.ASSETS)
        .order(0);
    registry
        .addInterceptor(new PageAccess(token))
        .addPathPatterns(StatusPaths.TABLE, "/images/**", StatusPaths.GRAPH, StatusPaths.GRAPH_SVG)
        .order(1);
  }
}
