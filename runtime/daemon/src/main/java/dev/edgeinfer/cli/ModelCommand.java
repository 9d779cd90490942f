package dev.edgeinfer.cli;

import picocli.CommandLine.Command;

/** {@code edgeinfer model ...}: look at, quantize, compare, bundle and sign model files; the local model store. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Work with model files.",
    subcommands = {ModelInspectCommand.class, ModelQuantizeCommand.class, ModelCompareCommand.class,
        ModelFuzzCommand.class, ModelGoldenCheckCommand.class, ModelKeygenCommand.class, ModelBundleCommand.class,
        ModelSignCommand.class, ModelVerifyCommand.class, ModelListCommand.class, ModelRollbackCommand.class,
        ModelPublishCommand.class})
public final class ModelCommand {}
