package dev.edgeinfer.cli;

import picocli.CommandLine.Command;

/** {@code edgeinfer model ...}: look at, and later quantize, compare, bundle and sign, model files. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Work with model files.",
    subcommands = {ModelInspectCommand.class, ModelCompareCommand.class, ModelFuzzCommand.class,
        ModelPublishCommand.class})
public final class ModelCommand {}
