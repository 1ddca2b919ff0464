package io.imagefactory.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands an entity's handlers have handed to its main loop and the loop has not taken yet, in
 * arrival order. Handlers only add; the loop takes them all at once, so it decides on a whole burst
 * instead of waking once per signal.
 *
 * @param <C> the entity's command type
 */
public final class CommandInbox<C> {

  private final List<C> commands = new ArrayList<>();

  /** From a handler: the command waits for the loop. */
  public void add(C command) {
    commands.add(command);
  }

  public boolean isEmpty() {
    return commands.isEmpty();
  }

  /** True when a command of {@code type} waits: a validator's view of what comes next. */
  public boolean holds(Class<? extends C> type) {
    return commands.stream().anyMatch(type::isInstance);
  }

  /** Takes every waiting command, oldest first. */
  public List<C> takeAll() {
    List<C> taken = List.copyOf(commands);
    commands.clear();
    return taken;
  }
}
