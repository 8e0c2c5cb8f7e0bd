package dev.warden.ui.internal.chat;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;

import dev.warden.core.agent.McpApproval;
import dev.warden.core.agent.McpCall;

/**
 * Asks whether the agent may call a tool of an MCP server: the server, the tool, the arguments the model wrote, what
 * the server says of the tool (its read-only or destructive hint, shown and never relied on), the flags of a
 * description that reads like instructions to the model, and Run Once, Always Trust (this tool, or every tool of the
 * server) and Reject with an optional reason. The read of a resource the user attached to a prompt is asked about on
 * the same card, with the resource's URI.
 */
public final class McpApprovalCard {

	private final Composite card;
	private final CompletableFuture<McpApproval> answer;
	private final Predicate<String> saver;
	private final Button trustTool;
	private final Button trustServer;
	private final Text rejectReason;
	private final Label outcome;
	private final McpCall call;

	/**
	 * @param saver saves a trust entry ({@code server/tool} or {@code server/*}); false when it could not be saved
	 */
	public McpApprovalCard(Composite parent, McpCall call, String arguments, String reason,
			CompletableFuture<McpApproval> answer, Predicate<String> saver) {
		this.call = call;
		this.answer = answer;
		this.saver = saver;
		card = Cards.card(parent, 1);
		card.setData(ConversationViewer.ENTRY, this);
		if (call.isResourceRead()) {
			Cards.title(card, NLS.bind(ChatMessages.McpApproval_resourceTitle, resourceUri(arguments), call.server()), 1);
			Cards.text(card, ChatMessages.McpApproval_resourceNote, 1);
		} else {
			Cards.title(card, NLS.bind(ChatMessages.McpApproval_title, call.tool(), call.server()), 1);
		}
		if (call.destructiveHint() || call.readOnlyHint()) {
			Cards.text(card, call.destructiveHint() ? ChatMessages.McpApproval_destructive
					: ChatMessages.McpApproval_readOnly, 1);
		}
		for (String flag : call.flags()) {
			Label warning = Cards.text(card, NLS.bind(ChatMessages.McpApproval_flag, flag), 1);
			warning.setForeground(card.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		}
		if (!call.isResourceRead()) {
			Cards.text(card, ChatMessages.McpApproval_arguments, 1);
			Cards.code(card, pretty(arguments), 1);
		}
		if (!call.description().isBlank()) {
			Cards.text(card, NLS.bind(ChatMessages.McpApproval_description, shorten(call.description())), 1);
		}
		Cards.text(card, reason, 1);

		Composite buttons = Cards.buttonRow(card, 1);
		Cards.button(buttons, ChatMessages.Approval_runOnce, this::runOnce);
		Cards.button(buttons, ChatMessages.McpApproval_alwaysTrust, this::alwaysTrust);
		trustTool = new Button(buttons, SWT.RADIO);
		trustTool.setText(call.subject());
		trustTool.setSelection(true);
		trustServer = new Button(buttons, SWT.RADIO);
		trustServer.setText(NLS.bind(call.isResourceRead() ? ChatMessages.McpApproval_allOfServer
				: ChatMessages.McpApproval_allTools, call.server() + "/*")); //$NON-NLS-1$
		Cards.button(buttons, ChatMessages.Approval_reject, this::reject);
		rejectReason = new Text(buttons, SWT.BORDER);
		rejectReason.setMessage(ChatMessages.Approval_rejectReasonHint);
		GridDataFactory.fillDefaults().grab(true, false).hint(140, SWT.DEFAULT).applyTo(rejectReason);
		((org.eclipse.swt.layout.GridLayout) buttons.getLayout()).numColumns = buttons.getChildren().length;
		if (!call.flags().isEmpty()) {
			Cards.text(card, ChatMessages.McpApproval_flaggedNote, 1);
		}
		outcome = new Label(card, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(outcome);
		Cards.closeWhenAbandoned(card, outcome, answer);
	}

	Composite control() {
		return card;
	}

	private static String pretty(String json) {
		try {
			return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
					.toJson(JsonParser.parseString(json));
		} catch (RuntimeException e) {
			return json;
		}
	}

	private static String resourceUri(String arguments) {
		try {
			return JsonParser.parseString(arguments).getAsJsonObject().get("uri").getAsString(); //$NON-NLS-1$
		} catch (RuntimeException e) {
			return arguments;
		}
	}

	private static String shorten(String text) {
		String flat = text.strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
		return flat.length() <= 300 ? flat : flat.substring(0, 299) + '\u2026';
	}

	private void decide(McpApproval approval, String shown) {
		if (answer.complete(approval)) {
			Cards.close(card, outcome, shown);
		}
	}

	private void runOnce() {
		decide(McpApproval.runOnce(), ChatMessages.Approval_ranOnce);
	}

	private void alwaysTrust() {
		String entry = trustServer.getSelection() ? call.server() + "/*" : call.subject(); //$NON-NLS-1$
		if (!saver.test(entry)) {
			return;
		}
		decide(McpApproval.alwaysTrust(entry), NLS.bind(ChatMessages.Approval_trusted, entry));
	}

	private void reject() {
		String reason = rejectReason.getText().strip();
		decide(McpApproval.reject(reason), reason.isEmpty() ? ChatMessages.Approval_rejected
				: NLS.bind(ChatMessages.Approval_rejectedBecause, reason));
	}

	// for tests: the buttons as a user would press them

	public void pressRunOnce() {
		runOnce();
	}

	/** Presses Always Trust with {@code wholeServer} chosen ({@code server/*}) or not ({@code server/tool}). */
	public void pressAlwaysTrust(boolean wholeServer) {
		trustServer.setSelection(wholeServer);
		trustTool.setSelection(!wholeServer);
		alwaysTrust();
	}

	public void pressReject(String reason) {
		rejectReason.setText(reason);
		reject();
	}

	/** The texts the card shows, one a line. */
	public String text() {
		StringBuilder text = new StringBuilder();
		collect(card, text);
		return text.toString();
	}

	private static void collect(Composite parent, StringBuilder text) {
		for (var child : parent.getChildren()) {
			if (child instanceof Label label) {
				text.append(label.getText()).append('\n');
			} else if (child instanceof Button button) {
				text.append('[').append(button.getText()).append("]\n"); //$NON-NLS-1$
			} else if (child instanceof Composite composite) {
				collect(composite, text);
			}
		}
	}
}
