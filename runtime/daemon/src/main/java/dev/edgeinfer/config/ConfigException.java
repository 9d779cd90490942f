package dev.edgeinfer.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config that cannot be used; carries every problem found, not just the first. */
public final class ConfigException extends Exception {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** In the order found: the file's own order, section by section. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
