package dev.edgeinfer.cli;

import picocli.CommandLine.Command;

/** {@code edgeinfer model ...}: look at, quantize, compare, bundle, sign and publish model files. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Work with model files.",
    subcommands = {ModelInspectCommand.class, ModelQuantizeCommand.class, ModelCompareCommand.class,
        ModelFuzzCommand.class, ModelGoldenCheckCommand.class})
public final class ModelCommand {}
