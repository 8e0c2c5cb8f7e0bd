package dev.warden.core.tools;

import java.util.Set;

import dev.warden.core.provider.ToolSpec;

/**
 * A tool the model may call. Implementations are stateless; they act only through the {@link Grant} they are given,
 * after the call passed the policy gateway.
 */
public interface Tool {

	/** @return the name, description and argument schema offered to the model */
	ToolSpec spec();

	/** @return what the tool needs; its grant offers nothing else */
	Set<Capability> capabilities();

	/**
	 * @return what a call with {@code arguments} acts on: the path, command line or URL the gateway examines and
	 *         the audit records
	 */
	String subject(ToolArguments arguments);

	/**
	 * @return whether the model is offered this tool; a tool that is not (such as the read of a resource the user
	 *         attached to a prompt) runs only when Warden calls it, through the same gateway
	 */
	default boolean offeredToModel() {
		return true;
	}

	/**
	 * Carries out an allowed call.
	 *
	 * @return the result for the model
	 * @throws ToolException if the call fails in a way the model should hear about
	 */
	ToolOutput execute(Grant grant) throws ToolException;
}
