package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.agent.CommandApproval;
import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.PatternSuggestion;
import dev.warden.core.trust.PatternValidation;

/**
 * Asks whether a command that no trusted pattern covers may run: the command as the shell would split it, each part
 * with the pattern that covers it or the reason it is not covered, and Run once, Always trust… (one pattern per part
 * the user ticks, pre-filled with the narrowest sensible pattern) and Reject with an optional reason. Where commands
 * run in a sandbox (without network), Run once with network grants this one run network.
 */
public final class CommandApprovalCard {

	/** Saves the ticked patterns; returns false when the user backed out (e.g. of universal trust). */
	public interface PatternSaver extends Predicate<List<String>> {
	}

	private final Composite card;
	private final CompletableFuture<CommandApproval> answer;
	private final Label outcome;
	private final Composite trustArea;
	private final List<Button> ticks = new ArrayList<>();
	private final List<Text> patterns = new ArrayList<>();
	private final Text rejectReason;
	private final PatternSaver saver;
	private final Label commandLabel;

	private final Button runWithNetwork;

	/**
	 * @param offerNetwork whether to offer Run once with network (commands run in a sandbox without network here)
	 */
	public CommandApprovalCard(Composite parent, CommandVerdict verdict, String reason,
			List<PatternSuggestion> suggestions, CompletableFuture<CommandApproval> answer, PatternSaver saver,
			boolean offerNetwork) {
		this.answer = answer;
		this.saver = saver;
		card = Cards.card(parent, 2);
		card.setData(ConversationViewer.ENTRY, this);
		Cards.title(card, verdict.verdict() == dev.warden.core.trust.Verdict.DENIED ? ChatMessages.Approval_deniedTitle
				: ChatMessages.Approval_commandTitle, 2);
		commandLabel = Cards.code(card, verdict.commandLine(), 2);
		for (CommandPart part : verdict.parts()) {
			Label mark = new Label(card, SWT.NONE);
			mark.setText(part.status() == PartStatus.COVERED ? "\u2713" : "\u2717"); //$NON-NLS-1$ //$NON-NLS-2$
			mark.setForeground(card.getDisplay().getSystemColor(
					part.status() == PartStatus.COVERED ? SWT.COLOR_DARK_GREEN : SWT.COLOR_DARK_RED));
			GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(mark);
			String explanation = part.status() == PartStatus.COVERED
					? NLS.bind(ChatMessages.Approval_coveredBy, part.pattern().orElse("")) //$NON-NLS-1$
					: part.reason();
			Cards.text(card, part.text() + "  \u2014  " + explanation, 1); //$NON-NLS-1$
		}
		Cards.text(card, reason, 2);

		Composite first = Cards.buttonRow(card, 2);
		Cards.button(first, ChatMessages.Approval_runOnce, () -> decide(CommandApproval.runOnce(), ChatMessages.Approval_ranOnce));
		Composite buttons = first;
		if (offerNetwork) {
			// the two ways to run it on one row, the others below: the chat view is often narrow
			runWithNetwork = Cards.button(first, ChatMessages.Approval_runWithNetwork, this::runWithNetwork);
			runWithNetwork.setToolTipText(ChatMessages.Approval_runWithNetworkTooltip);
			((org.eclipse.swt.layout.GridLayout) first.getLayout()).numColumns = first.getChildren().length;
			buttons = Cards.buttonRow(card, 2);
		} else {
			runWithNetwork = null;
		}
		Button alwaysTrust = Cards.button(buttons, ChatMessages.Approval_alwaysTrust, this::showTrustArea);
		alwaysTrust.setEnabled(!suggestions.isEmpty());
		Cards.button(buttons, ChatMessages.Approval_reject, this::reject);
		rejectReason = new Text(buttons, SWT.BORDER);
		rejectReason.setMessage(ChatMessages.Approval_rejectReasonHint);
		GridDataFactory.fillDefaults().grab(true, false).hint(160, SWT.DEFAULT).applyTo(rejectReason);
		((org.eclipse.swt.layout.GridLayout) buttons.getLayout()).numColumns = buttons.getChildren().length;

		trustArea = new Composite(card, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(trustArea);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).exclude(true).applyTo(trustArea);
		trustArea.setVisible(false);
		Cards.text(trustArea, ChatMessages.Approval_alwaysTrustExplanation, 2);
		for (PatternSuggestion suggestion : suggestions) {
			Button tick = new Button(trustArea, SWT.CHECK);
			tick.setSelection(true);
			tick.setToolTipText(suggestion.partText());
			Text pattern = new Text(trustArea, SWT.BORDER);
			pattern.setText(suggestion.pattern());
			pattern.setToolTipText(NLS.bind(ChatMessages.Approval_broader, String.join(", ", suggestion.broader()))); //$NON-NLS-1$
			GridDataFactory.fillDefaults().grab(true, false).applyTo(pattern);
			ticks.add(tick);
			patterns.add(pattern);
		}
		Composite saveRow = Cards.buttonRow(trustArea, 2);
		Cards.button(saveRow, ChatMessages.Approval_saveAndRun, this::saveAndRun);

		outcome = new Label(card, SWT.WRAP);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(outcome);
		Cards.closeWhenAbandoned(card, outcome, answer);
	}

	Composite control() {
		return card;
	}

	private void showTrustArea() {
		trustArea.setVisible(true);
		((GridData) trustArea.getLayoutData()).exclude = false;
		ChatLayout.entryChanged(card);
	}

	private void decide(CommandApproval approval, String shown) {
		if (answer.complete(approval)) {
			Cards.close(card, outcome, shown);
		}
	}

	private void runWithNetwork() {
		decide(CommandApproval.runOnceWithNetwork(), ChatMessages.Approval_ranWithNetwork);
	}

	private void reject() {
		String reason = rejectReason.getText().strip();
		decide(CommandApproval.reject(reason), reason.isEmpty() ? ChatMessages.Approval_rejected
				: NLS.bind(ChatMessages.Approval_rejectedBecause, reason));
	}

	/** The patterns the user ticked, as typed. */
	public List<String> tickedPatterns() {
		List<String> chosen = new ArrayList<>();
		for (int i = 0; i < ticks.size(); i++) {
			if (ticks.get(i).getSelection() && !patterns.get(i).getText().isBlank()) {
				chosen.add(patterns.get(i).getText().strip());
			}
		}
		return chosen;
	}

	private void saveAndRun() {
		List<String> chosen = tickedPatterns();
		for (String pattern : chosen) {
			if (!PatternValidation.of(pattern).isValid()) {
				outcome.setText(NLS.bind(ChatMessages.Approval_invalidPattern, pattern));
				card.layout(true, true);
				return;
			}
		}
		if (!saver.test(chosen)) {
			return;
		}
		decide(CommandApproval.alwaysTrust(), NLS.bind(ChatMessages.Approval_trusted, String.join(", ", chosen))); //$NON-NLS-1$
	}

	// for tests: the buttons as a user would press them

	public void pressRunOnce() {
		decide(CommandApproval.runOnce(), ChatMessages.Approval_ranOnce);
	}

	/** For tests: presses Run once with network; fails when the card does not offer it. */
	public void pressRunWithNetwork() {
		if (runWithNetwork == null) {
			throw new IllegalStateException("The card does not offer Run once with network"); //$NON-NLS-1$
		}
		runWithNetwork();
	}

	/** Whether the card offers Run once with network. */
	public boolean offersNetwork() {
		return runWithNetwork != null;
	}

	public void pressReject(String reason) {
		rejectReason.setText(reason);
		reject();
	}

	public void pressAlwaysTrust(List<String> editedPatterns) {
		showTrustArea();
		for (int i = 0; i < patterns.size(); i++) {
			boolean keep = i < editedPatterns.size() && editedPatterns.get(i) != null;
			ticks.get(i).setSelection(keep);
			if (keep) {
				patterns.get(i).setText(editedPatterns.get(i));
			}
		}
		saveAndRun();
	}

	/** The command line as the card shows it to the user (SWT's mnemonic escaping undone). */
	public String shownCommand() {
		return commandLabel.getText().replace("&&", "&"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public boolean isAnswered() {
		return answer.isDone();
	}
}
