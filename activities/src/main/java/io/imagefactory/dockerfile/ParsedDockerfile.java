package io.imagefactory.dockerfile;

import java.util.List;

/** A parsed Dockerfile: its instructions in order, and the escape character its directives set. */
record ParsedDockerfile(char escape, List<Instruction> instructions) {

  ParsedDockerfile {
    instructions = List.copyOf(instructions);
  }
}
