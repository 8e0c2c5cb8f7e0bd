package dev.warden.core.internal.tools;

import java.util.Set;

import dev.warden.core.provider.ToolSpec;
import dev.warden.core.tools.Capability;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolArguments;

/** Holds a built-in tool's specification and capabilities. */
abstract class BaseTool implements Tool {

	private final ToolSpec spec;

	private final Set<Capability> capabilities;

	BaseTool(String name, String description, String schema, Set<Capability> capabilities) {
		this.spec = new ToolSpec(name, description, schema);
		this.capabilities = Set.copyOf(capabilities);
	}

	@Override
	public final ToolSpec spec() {
		return spec;
	}

	@Override
	public final Set<Capability> capabilities() {
		return capabilities;
	}

	/** The subject of file tools: their {@code path} argument, or the workspace root. */
	@Override
	public String subject(ToolArguments arguments) {
		return arguments.string("path", "."); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
