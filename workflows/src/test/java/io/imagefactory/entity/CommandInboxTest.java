package io.imagefactory.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandInboxTest {

  private sealed interface Command {}

  private record Configure(String config) implements Command {}

  private record Unenroll() implements Command {}

  @Test
  void takesEveryCommandInArrivalOrderAndIsEmptyAfter() {
    CommandInbox<Command> inbox = new CommandInbox<>();
    inbox.add(new Configure("a"));
    inbox.add(new Unenroll());
    inbox.add(new Configure("b"));

    assertThat(inbox.takeAll())
        .containsExactly(new Configure("a"), new Unenroll(), new Configure("b"));
    assertThat(inbox.isEmpty()).isTrue();
    assertThat(inbox.takeAll()).isEmpty();
  }

  @Test
  void saysWhetherACommandOfATypeWaits() {
    CommandInbox<Command> inbox = new CommandInbox<>();
    inbox.add(new Configure("a"));
    assertThat(inbox.holds(Unenroll.class)).isFalse();

    inbox.add(new Unenroll());
    assertThat(inbox.holds(Unenroll.class)).isTrue();

    inbox.takeAll();
    assertThat(inbox.holds(Unenroll.class)).isFalse();
  }
}
