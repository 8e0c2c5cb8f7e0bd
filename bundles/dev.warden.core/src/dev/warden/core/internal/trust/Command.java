package dev.warden.core.internal.trust;

/** One element of a pipeline: a simple command, or a subshell or group around a list. */
public sealed interface Command permits SimpleCommand, CompoundCommand {
}
