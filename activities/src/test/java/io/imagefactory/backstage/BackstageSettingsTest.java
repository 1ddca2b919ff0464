package io.imagefactory.backstage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackstageSettingsTest {

  @Test
  void defaultsToTheDefaultNamespaceThePlatformGroupAndGitHub() {
    BackstageSettings settings = BackstageSettings.defaults();

    assertThat(settings.namespace()).isEqualTo("default");
    assertThat(settings.defaultOwner()).isEqualTo("group:default/platform");
    assertThat(settings.defaultSystem()).isNull();
    assertThat(settings.sourceHost()).isEqualTo("github.com");
    assertThat(settings.stateRepoUrl()).isNull();
  }

  @Test
  void refusesANamespaceOrDefaultsBackstageWouldNotAccept() {
    assertThatThrownBy(() -> new BackstageSettings("Images", null, null, null, null, null, null))
        .hasMessageContaining("namespace 'Images' is not a DNS label");
    assertThatThrownBy(
            () -> new BackstageSettings(null, "system:shop", null, null, null, null, null))
        .hasMessage(
            "Backstage default owner \"system:shop\": must refer to a group or user, not a system");
    assertThatThrownBy(() -> new BackstageSettings(null, null, "user:ada", null, null, null, null))
        .hasMessage("Backstage default system \"user:ada\": must refer to a system, not a user");
  }

  @Test
  void linksAStateRepositoryByItsWebAddressOnly() {
    assertThat(
            BackstageSettings.defaults()
                .withStateRepository("https://github.com/o/state.git/", "main")
                .stateRepoUrl())
        .isEqualTo("https://github.com/o/state");
    assertThat(
            BackstageSettings.defaults()
                .withStateRepository("/srv/git/state.git", "main")
                .stateRepoUrl())
        .isNull();
    assertThat(
            BackstageSettings.defaults()
                .withStateRepository("https://user:token@github.com/o/state.git", "main")
                .stateRepoUrl())
        .isNull();
  }
}
