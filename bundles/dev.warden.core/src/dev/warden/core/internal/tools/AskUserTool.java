package dev.warden.core.internal.tools;

import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;

/** {@code ask_user}: a clarifying question to the user, answered in the chat. */
final class AskUserTool extends BaseTool {

	AskUserTool() {
		super("ask_user", //$NON-NLS-1$
				"Ask the user a short clarifying question when the request is ambiguous and a wrong guess would be " //$NON-NLS-1$
						+ "costly. Offer choices where possible.", //$NON-NLS-1$
				"""
						{"type":"object","properties":{
						"question":{"type":"string","description":"The question"},
						"choices":{"type":"array","items":{"type":"string"},"description":"Suggested answers"}
						},"required":["question"]}""", //$NON-NLS-1$
				Set.of(Capability.ASK_USER));
	}

	@Override
	public String subject(ToolArguments arguments) {
		return arguments.string("question"); //$NON-NLS-1$
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		String answer = grant.ask(grant.subject(), grant.arguments().strings("choices")); //$NON-NLS-1$
		return ToolOutput.ok("The user answered: " + Truncation.cap(answer, 10_000, "")); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
