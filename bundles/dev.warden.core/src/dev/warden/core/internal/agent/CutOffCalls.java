package dev.warden.core.internal.agent;

import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.warden.core.provider.ModelResponse;
import dev.warden.core.provider.StopReason;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.tools.ToolOutput;

/**
 * What the agent does with an answer cut off at the output limit: the tool call the limit cut in the middle of its
 * arguments is not run and not simply rejected as malformed (the model would write it again and be cut off again
 * until the step limit); the model is told that its output was cut off and asked to continue in smaller steps. A
 * second cut-off call in a row ends the turn with words for the user.
 */
public final class CutOffCalls {

	private CutOffCalls() {
	}

	/** @return the last call if its arguments are not a whole JSON object (the limit cut it), else {@code null} */
	public static ToolCall cutOff(List<ToolCall> calls) {
		if (calls.isEmpty()) {
			return null;
		}
		ToolCall last = calls.get(calls.size() - 1);
		try {
			JsonElement arguments = JsonParser.parseString(last.argumentsJson());
			return arguments.isJsonObject() ? null : last;
		} catch (JsonParseException e) {
			return last;
		}
	}

	/** @return the result the model receives for the cut-off call */
	public static ToolOutput tellModel(ModelResponse response) {
		return ToolOutput.notDone(ToolOutput.Outcome.FAILED, "Your output was cut off at the output token limit " //$NON-NLS-1$
				+ "while you were writing this call, so its arguments are incomplete and it was NOT run. Do not " //$NON-NLS-1$
				+ "repeat it as it was: continue with smaller steps, e.g. split a large edit or a new file into " //$NON-NLS-1$
				+ "several calls (create the file with its first part, then add the rest with further edits)."); //$NON-NLS-1$
	}

	/** @return why the turn ends, for the user */
	public static String tellUser(ModelResponse response, boolean inToolCall) {
		String limit = response.stopReason() == StopReason.CONTEXT_WINDOW_EXCEEDED
				? "Start a new chat, or choose a model with a larger context window." //$NON-NLS-1$
				: "Say \"continue\" to let the agent go on, or raise the maximum output tokens in " //$NON-NLS-1$
						+ "Preferences > Warden > Model."; //$NON-NLS-1$
		String what = inToolCall ? "The model's tool call was cut off at the output limit again, so it was not run. " //$NON-NLS-1$
				: ""; //$NON-NLS-1$
		return what + response.interruption() + ' ' + limit;
	}
}
